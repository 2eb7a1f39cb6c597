using System.Globalization;
using System.Text;

namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// Reads the Prometheus text exposition format (0.0.4): <c>name{label="value",...} value [timestamp-ms]</c> per line,
/// <c>#</c> lines are comments (HELP and TYPE carry nothing the mapping needs). Label values unescape <c>\\</c>,
/// <c>\"</c> and <c>\n</c>; values may be NaN or ±Inf (then refused as non-finite by the normalizer's rule, here).
/// </summary>
public sealed class PrometheusTextReader : IVendorReader
{
    public void Read(string payload, ICollection<VendorReading> readings, ICollection<RejectedLine> rejected)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(rejected);
        int number = 0;
        foreach (var raw in payload.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim(' ', '\t');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var (reading, problem) = ParseLine(line, number);
            if (reading is not null)
            {
                readings.Add(reading);
            }
            else
            {
                rejected.Add(problem!);
            }
        }
    }

    private static (VendorReading?, RejectedLine?) ParseLine(string line, int number)
    {
        int i = 0;
        var name = Name(line, ref i);
        if (name.Length == 0)
        {
            return (null, new RejectedLine(number, RejectReason.Malformed, "a sample line starts with a metric name"));
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            if (ReadLabels(line, ref i, labels) is { } labelProblem)
            {
                return (null, new RejectedLine(number, RejectReason.Malformed, $"{name}: {labelProblem}"));
            }
        }

        var rest = line[i..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2)
        {
            return (null, new RejectedLine(number, RejectReason.Malformed, $"{name}: expected a value and an optional timestamp after the name and labels"));
        }

        if (!TryValue(rest[0], out var value))
        {
            return (null, new RejectedLine(number, RejectReason.Malformed, $"{name}: '{rest[0]}' is not a number"));
        }

        if (!double.IsFinite(value))
        {
            return (null, new RejectedLine(number, RejectReason.NonFinite, $"{name}: value {rest[0]}"));
        }

        DateTimeOffset? at = null;
        if (rest.Length == 2)
        {
            if (!long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                || ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return (null, new RejectedLine(number, RejectReason.BadTime, $"{name}: '{rest[1]}' is not a timestamp in unix milliseconds"));
            }

            at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        return (new VendorReading(name, value, labels, at, number), null);
    }

    private static string Name(string line, ref int i)
    {
        int start = i;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':') && !(i == start && char.IsAsciiDigit(line[i])))
        {
            i++;
        }

        return line[start..i];
    }

    /// <summary>Reads <c>a="x",b="y"}</c> after the opening brace; returns a problem or null.</summary>
    private static string? ReadLabels(string line, ref int i, Dictionary<string, string> labels)
    {
        while (true)
        {
            SkipSpace(line, ref i);
            if (i < line.Length && line[i] == '}')
            {
                i++;
                return null;
            }

            var label = Name(line, ref i);
            if (label.Length == 0)
            {
                return "expected a label name or '}'";
            }

            SkipSpace(line, ref i);
            if (i >= line.Length || line[i] != '=')
            {
                return $"label {label}: expected '='";
            }

            i++;
            SkipSpace(line, ref i);
            if (i >= line.Length || line[i] != '"')
            {
                return $"label {label}: the value must be in double quotes";
            }

            i++;
            var value = new StringBuilder();
            while (true)
            {
                if (i >= line.Length)
                {
                    return $"label {label}: the value's closing quote is missing";
                }

                char c = line[i++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\' && i < line.Length)
                {
                    char e = line[i++];
                    value.Append(e switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => e });
                }
                else
                {
                    value.Append(c);
                }
            }

            if (!labels.TryAdd(label, value.ToString()))
            {
                return $"label {label} appears twice";
            }

            SkipSpace(line, ref i);
            if (i < line.Length && line[i] == ',')
            {
                i++;
            }
            else if (i >= line.Length || line[i] != '}')
            {
                return "expected ',' or '}' after a label";
            }
        }
    }

    private static void SkipSpace(string line, ref int i)
    {
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }
    }

    private static bool TryValue(string text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
