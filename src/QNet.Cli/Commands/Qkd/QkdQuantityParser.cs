using System.Globalization;

namespace QNet.Cli.Commands.Qkd;

/// <summary>
/// Parses the unit-suffixed values of <c>qnet qkd</c> options (<c>50km</c>, <c>0.21dB/km</c>,
/// <c>2MHz</c>, <c>1ns</c>, <c>0km..200km:10km</c>). TEMPORARY: to be replaced by the scenario
/// layer's Quantity parser (src/QNet.Network/Scenarios) when the lead connects <c>qnet qkd FILE</c>.
/// Errors name the option.
/// </summary>
internal static class QkdQuantityParser
{
    private static readonly (string Suffix, double Factor)[] Lengths = [("km", 1000), ("m", 1)];
    private static readonly (string Suffix, double Factor)[] Frequencies = [("GHz", 1e9), ("MHz", 1e6), ("kHz", 1e3), ("Hz", 1)];
    private static readonly (string Suffix, double Factor)[] Times = [("ps", 1e-12), ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1)];
    private static readonly (string Suffix, double Factor)[] Attenuations = [("dB/km", 1)];

    /// <summary>A length in metres (<c>km</c> or <c>m</c>).</summary>
    public static double LengthMetres(string text, string option) => Parse(text, option, Lengths, "a length such as 50km");

    /// <summary>A frequency in Hz.</summary>
    public static double FrequencyHz(string text, string option) => Parse(text, option, Frequencies, "a frequency such as 2MHz");

    /// <summary>A duration in seconds.</summary>
    public static double Seconds(string text, string option) => Parse(text, option, Times, "a duration such as 1ns");

    /// <summary>An attenuation in dB/km.</summary>
    public static double DbPerKm(string text, string option) => Parse(text, option, Attenuations, "an attenuation such as 0.21dB/km");

    /// <summary>A plain number (no unit).</summary>
    public static double Number(string text, string option)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }
        throw new FormatException($"{option}: '{text}' is not a number.");
    }

    /// <summary>A single length or a range <c>FROM..TO:STEP</c> of lengths, in metres, both ends included.</summary>
    public static IReadOnlyList<double> LengthRangeMetres(string text, string option)
    {
        int dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            return [LengthMetres(text, option)];
        }
        int colon = text.IndexOf(':', dots);
        if (colon < 0)
        {
            throw new FormatException($"{option}: a range needs a step, as in 0km..200km:10km.");
        }
        double from = LengthMetres(text[..dots], option);
        double to = LengthMetres(text[(dots + 2)..colon], option);
        double step = LengthMetres(text[(colon + 1)..], option);
        if (step <= 0 || to < from)
        {
            throw new FormatException($"{option}: a range must go upwards with a positive step.");
        }
        var values = new List<double>();
        for (int i = 0; ; i++)
        {
            double v = from + i * step;
            if (v > to + step * 1e-9)
            {
                break;
            }
            values.Add(v);
            if (values.Count > 10_000)
            {
                throw new FormatException($"{option}: more than 10 000 distances.");
            }
        }
        return values;
    }

    private static double Parse(string text, string option, (string Suffix, double Factor)[] units, string expected)
    {
        string t = text.Trim();
        foreach (var (suffix, factor) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                && double.IsFinite(value))
            {
                return value * factor;
            }
        }
        throw new FormatException($"{option}: '{text}' is not {expected}.");
    }
}
