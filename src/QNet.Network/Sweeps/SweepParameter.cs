using System.Globalization;
using QNet.Network.Scenarios;

namespace QNet.Network.Sweeps;

/// <summary>
/// One swept field: its override path (see <see cref="ScenarioOverrides"/>) and the values it takes,
/// as written in the file (<c>10km</c>), with their numbers in the unit of the first value for plots.
/// </summary>
/// <param name="Path">Override path, e.g. <c>links.*.length</c>.</param>
/// <param name="Values">Values as scenario text, in sweep order (at least one).</param>
/// <param name="Numbers">Each value as a number in <see cref="Unit"/>; NaN where a value is not a number (e.g. <c>asap</c>).</param>
/// <param name="Unit">Unit suffix of the numbers (<c>km</c>), empty for plain numbers and words.</param>
public sealed record SweepParameter(string Path, IReadOnlyList<string> Values, IReadOnlyList<double> Numbers, string Unit)
{
    /// <summary>Largest number of values one parameter may take.</summary>
    public const int MaxValues = 10_000;

    /// <summary>Whether every value is a number, so the parameter can be an x axis.</summary>
    public bool IsNumeric => Numbers.All(double.IsFinite);

    /// <summary>
    /// Parses <c>PATH=VALUES</c>, where VALUES is a range <c>a..b:step</c> (both ends included, units
    /// optional but the same dimension throughout, e.g. <c>10km..100km:10km</c> or <c>0.5..0.9:0.1</c>),
    /// a comma list <c>0.1s,1s,10s</c>, or one value. Returns null and an error naming the problem otherwise.
    /// </summary>
    public static SweepParameter? TryParse(string text, out string error)
    {
        error = "";
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1)
        {
            error = $"'{text}' is not PATH=VALUES (e.g. links.*.length=10km..100km:10km or nodes.r1.memory.t2=0.1s,1s)";
            return null;
        }
        string path = text[..eq].Trim(), spec = text[(eq + 1)..].Trim();
        List<string> values;
        if (spec.Contains("..", StringComparison.Ordinal))
        {
            values = Range(spec, out error) ?? [];
            if (error.Length > 0)
            {
                error = $"{path}: {error}";
                return null;
            }
        }
        else
        {
            values = spec.Split(',').Select(v => v.Trim()).ToList();
            if (values.Any(v => v.Length == 0))
            {
                error = $"{path}: empty value in list '{spec}'";
                return null;
            }
        }
        if (values.Count > MaxValues)
        {
            error = $"{path}: {values.Count} values; at most {MaxValues}";
            return null;
        }
        var (numbers, unit) = Numeric(values);
        return new SweepParameter(path, values, numbers, unit);
    }

    private static List<string>? Range(string spec, out string error)
    {
        error = "";
        int dots = spec.IndexOf("..", StringComparison.Ordinal), colon = spec.LastIndexOf(':');
        if (colon < dots)
        {
            error = $"range '{spec}' needs a step: a..b:step, e.g. 10km..100km:10km";
            return null;
        }
        string[] parts = [spec[..dots], spec[(dots + 2)..colon], spec[(colon + 1)..]];
        var parsed = new (double Value, string Unit, double Factor)[3];
        for (int i = 0; i < 3; i++)
        {
            if (!TrySplit(parts[i].Trim(), out parsed[i].Value, out parsed[i].Unit, out parsed[i].Factor, out Dimension? dim, out error))
            {
                error = $"range '{spec}': {error}";
                return null;
            }
            if (i > 0 && !SameDimension(parsed[0].Unit, parsed[i].Unit))
            {
                error = $"range '{spec}': '{parts[i].Trim()}' is not in the same kind of unit as '{parts[0].Trim()}'";
                return null;
            }
        }
        double a = parsed[0].Value * parsed[0].Factor, b = parsed[1].Value * parsed[1].Factor, step = parsed[2].Value * parsed[2].Factor;
        if (step <= 0)
        {
            error = $"range '{spec}': the step must be greater than 0";
            return null;
        }
        if (b < a)
        {
            error = $"range '{spec}': the end must not be below the start";
            return null;
        }
        double count = Math.Floor((b - a) / step * (1 + 1e-12) + 1e-9) + 1;
        if (count > MaxValues)
        {
            error = $"range '{spec}' has {count} values; at most {MaxValues}";
            return null;
        }
        var values = new List<string>();
        for (int k = 0; k < (int)count; k++)
        {
            double inFirstUnit = (a + k * step) / parsed[0].Factor;
            values.Add(Math.Round(inFirstUnit, 12).ToString("R", CultureInfo.InvariantCulture) + parsed[0].Unit);
        }
        return values;
    }

    private static (double[] Numbers, string Unit) Numeric(List<string> values)
    {
        if (!TrySplit(values[0], out _, out string unit, out double factor, out _, out _))
        {
            return (values.Select(_ => double.NaN).ToArray(), "");
        }
        var numbers = values.Select(v =>
            TrySplit(v, out double n, out string u, out double f, out _, out _) && SameDimension(unit, u) ? n * f / factor : double.NaN).ToArray();
        return (numbers, unit);
    }

    private static bool SameDimension(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length;
        }
        return Units.TryGet(a, out Dimension da, out _) && Units.TryGet(b, out Dimension db, out _) && da == db;
    }

    // A number with an optional unit suffix: its number, suffix and the suffix's factor to the internal unit.
    private static bool TrySplit(string text, out double number, out string unit, out double factor, out Dimension? dimension, out string error)
    {
        number = 0;
        unit = "";
        factor = 1;
        dimension = null;
        error = "";
        int end = 0;
        while (end < text.Length && (char.IsDigit(text[end]) || text[end] is '.' or '+' or '-' or 'e' or 'E'))
        {
            // 'e' begins a unit only when no digit follows (no unit starts with e today, but be strict).
            if (text[end] is 'e' or 'E' && (end + 1 >= text.Length || !(char.IsDigit(text[end + 1]) || text[end + 1] is '+' or '-')))
            {
                break;
            }
            end++;
        }
        if (!Quantity.TryParseNumber(text[..end], out number))
        {
            error = $"'{text}' does not start with a number";
            return false;
        }
        unit = text[end..].Trim();
        if (unit.Length == 0)
        {
            return true;
        }
        if (!Units.TryGet(unit, out Dimension d, out factor))
        {
            error = $"unknown unit '{unit}' in '{text}'";
            return false;
        }
        dimension = d;
        return true;
    }
}
