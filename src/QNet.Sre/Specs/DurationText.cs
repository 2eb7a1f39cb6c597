using System.Globalization;
using System.Text.RegularExpressions;

namespace QNet.Sre.Specs;

/// <summary>
/// OpenSLO / Prometheus duration shorthand: <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>28d</c>, <c>1w</c>, and for
/// calendar windows <c>1M</c> (month), <c>1Q</c> (quarter), <c>1Y</c> (year).
/// </summary>
internal static partial class DurationText
{
    /// <summary>Parses a fixed-length duration (s, m, h, d, w). Returns null when the text is not one.</summary>
    public static TimeSpan? TryParseFixed(string text)
    {
        var m = FixedRegex().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        var n = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var span = m.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            _ => TimeSpan.FromDays(7 * n),
        };
        return span > TimeSpan.Zero ? span : null;
    }

    /// <summary>Parses a calendar duration (count and unit among m h d w M Q Y).</summary>
    public static (int Count, char Unit)? TryParseCalendar(string text)
    {
        var m = CalendarRegex().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return n > 0 ? (n, m.Groups[2].Value[0]) : null;
    }

    /// <summary>Prometheus text for a duration: the largest unit that divides it exactly (1d, 6h, 30m, 90s).</summary>
    public static string Format(TimeSpan span)
    {
        var ms = (long)span.TotalMilliseconds;
        (long Unit, string Suffix)[] units = [(604_800_000, "w"), (86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1000, "s")];
        foreach (var (unit, suffix) in units)
        {
            if (ms % unit == 0)
            {
                return (ms / unit).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    [GeneratedRegex(@"^(\d{1,9})(s|m|h|d|w)$")]
    private static partial Regex FixedRegex();

    [GeneratedRegex(@"^(\d{1,6})(m|h|d|w|M|Q|Y)$")]
    private static partial Regex CalendarRegex();
}
