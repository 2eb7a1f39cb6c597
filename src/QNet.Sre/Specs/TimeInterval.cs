using System.Globalization;

namespace QNet.Sre.Specs;

/// <summary>
/// A recurring time interval with Alertmanager's <c>time_intervals</c> semantics: every listed field must match;
/// an empty field matches everything. Times are [start, end) in minutes of the day; days of month may be
/// negative (counted from the month's end). Field texts are kept as written so the Alertmanager config
/// receives exactly what the spec said.
/// </summary>
public sealed record TimeInterval(
    IReadOnlyList<(int Start, int End)> Times,
    IReadOnlyList<string> Weekdays,
    IReadOnlyList<string> DaysOfMonth,
    IReadOnlyList<string> Months,
    IReadOnlyList<string> Years,
    string? Location)
{
    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    private static readonly string[] MonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>True when the instant lies in this interval.</summary>
    public bool Contains(DateTimeOffset instant)
    {
        var zone = Location is null or "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(Location);
        var t = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var minute = (t.Hour * 60) + t.Minute;
        if (Times.Count > 0 && !Times.Any(r => minute >= r.Start && minute < r.End))
        {
            return false;
        }

        if (Weekdays.Count > 0 && !Weekdays.Any(w => InRange(w, (int)t.DayOfWeek, s => NameIndex(s, DayNames, 0))))
        {
            return false;
        }

        var daysInMonth = DateTime.DaysInMonth(t.Year, t.Month);
        if (DaysOfMonth.Count > 0 && !DaysOfMonth.Any(d => InRange(d, t.Day, s => DayOfMonth(s, daysInMonth))))
        {
            return false;
        }

        if (Months.Count > 0 && !Months.Any(m => InRange(m, t.Month, s => NameIndex(s, MonthNames, 1))))
        {
            return false;
        }

        return Years.Count == 0 || Years.Any(y => InRange(y, t.Year, s => int.Parse(s, CultureInfo.InvariantCulture)));
    }

    /// <summary>Checks one range text (<c>a</c> or <c>a:b</c>) with the given element parser; null when valid.</summary>
    public static string? ValidateRange(string text, string field)
    {
        try
        {
            Func<string, int> parse = field switch
            {
                "weekdays" => s => NameIndex(s, DayNames, 0),
                "daysOfMonth" => s => DayOfMonth(s, 31),
                "months" => s => NameIndex(s, MonthNames, 1),
                _ => s => int.Parse(s, CultureInfo.InvariantCulture),
            };
            var parts = text.Split(':');
            if (parts.Length > 2)
            {
                return $"'{text}' is not a value or a range a:b";
            }

            var bounds = parts.Select(p => parse(p.Trim())).ToArray();
            var (lo, hi) = (bounds[0], bounds[^1]);
            if (field == "daysOfMonth")
            {
                // As Alertmanager: same-sign ranges must ascend, and a negative start needs a negative end.
                var (rawLo, rawHi) = (int.Parse(parts[0].Trim(), CultureInfo.InvariantCulture), int.Parse(parts[^1].Trim(), CultureInfo.InvariantCulture));
                if ((rawLo < 0 && rawHi > 0) || (Math.Sign(rawLo) == Math.Sign(rawHi) && rawLo > rawHi))
                {
                    return $"'{text}': the start day must not come after the end day";
                }
            }
            else if (lo > hi)
            {
                return $"'{text}': the range must not wrap around (Alertmanager refuses it); write two ranges";
            }

            return null;
        }
        catch (FormatException)
        {
            return $"'{text}' is not a valid {field} value or range";
        }
    }

    private static bool InRange(string text, int value, Func<string, int> parse)
    {
        var parts = text.Split(':');
        var lo = parse(parts[0].Trim());
        var hi = parts.Length > 1 ? parse(parts[1].Trim()) : lo;
        return value >= lo && value <= hi;
    }

    private static int NameIndex(string s, string[] names, int offset)
    {
        var i = Array.IndexOf(names, s.ToLowerInvariant());
        if (i >= 0)
        {
            return i + offset;
        }

        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && offset == 1 && n is >= 1 and <= 12)
        {
            return n;
        }

        throw new FormatException(s);
    }

    private static int DayOfMonth(string s, int daysInMonth)
    {
        var n = int.Parse(s, CultureInfo.InvariantCulture);
        if (n == 0 || n > 31 || n < -31)
        {
            throw new FormatException(s);
        }

        return n > 0 ? n : daysInMonth + n + 1;
    }
}
