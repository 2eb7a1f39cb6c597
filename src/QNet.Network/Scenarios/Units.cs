using System.Collections.Frozen;

namespace QNet.Network.Scenarios;

/// <summary>
/// The unit suffixes a scenario file accepts, each with its dimension and its factor to the
/// internal unit (metres, seconds, hertz, dB/km for attenuation, dB for loss, m/s for speed).
/// Suffixes are case-sensitive (<c>ms</c> is milliseconds, <c>MHz</c> megahertz).
/// </summary>
public static class Units
{
    private static readonly (string Suffix, Dimension Dimension, double Factor)[] Table =
    [
        ("m", Dimension.Length, 1),
        ("km", Dimension.Length, 1e3),
        ("ps", Dimension.Duration, 1e-12),
        ("ns", Dimension.Duration, 1e-9),
        ("us", Dimension.Duration, 1e-6),
        ("\u00B5s", Dimension.Duration, 1e-6),
        ("\u03BCs", Dimension.Duration, 1e-6),
        ("ms", Dimension.Duration, 1e-3),
        ("s", Dimension.Duration, 1),
        ("min", Dimension.Duration, 60),
        ("h", Dimension.Duration, 3600),
        ("Hz", Dimension.Frequency, 1),
        ("kHz", Dimension.Frequency, 1e3),
        ("MHz", Dimension.Frequency, 1e6),
        ("GHz", Dimension.Frequency, 1e9),
        ("dB/km", Dimension.Attenuation, 1),
        ("dB/m", Dimension.Attenuation, 1e3),
        ("dB", Dimension.Loss, 1),
        ("m/s", Dimension.Speed, 1),
        ("km/s", Dimension.Speed, 1e3),
    ];

    private static readonly FrozenDictionary<string, (Dimension Dimension, double Factor)> BySuffix =
        Table.ToFrozenDictionary(u => u.Suffix, u => (u.Dimension, u.Factor), StringComparer.Ordinal);

    /// <summary>Looks up a unit suffix; false when the suffix is unknown.</summary>
    /// <param name="suffix">The unit as written, e.g. <c>km</c>.</param>
    /// <param name="dimension">The unit's dimension.</param>
    /// <param name="factor">Multiply a value in this unit by the factor to get the internal unit.</param>
    public static bool TryGet(string suffix, out Dimension dimension, out double factor)
    {
        if (BySuffix.TryGetValue(suffix, out var unit))
        {
            (dimension, factor) = unit;
            return true;
        }
        dimension = default;
        factor = 0;
        return false;
    }

    /// <summary>The suffixes of one dimension, in the order shown in messages (e.g. <c>m, km</c>).</summary>
    public static IReadOnlyList<string> SuffixesOf(Dimension dimension) =>
        [.. Table.Where(u => u.Dimension == dimension && u.Suffix[0] != '\u03BC').Select(u => u.Suffix)];

    /// <summary>A human name for a dimension, used in error messages (e.g. "a length").</summary>
    public static string Describe(Dimension dimension) => dimension switch
    {
        Dimension.Length => "a length",
        Dimension.Duration => "a duration",
        Dimension.Frequency => "a frequency",
        Dimension.Attenuation => "an attenuation",
        Dimension.Loss => "a loss",
        Dimension.Speed => "a speed",
        _ => dimension.ToString(),
    };

    /// <summary>An example value of a dimension for error messages (e.g. <c>50km</c>).</summary>
    public static string Example(Dimension dimension) => dimension switch
    {
        Dimension.Length => "50km",
        Dimension.Duration => "10ms",
        Dimension.Frequency => "10MHz",
        Dimension.Attenuation => "0.2dB/km",
        Dimension.Loss => "20dB",
        Dimension.Speed => "200000km/s",
        _ => "1",
    };
}
