using System.Globalization;
using System.Text;

namespace QNet.ControlPlane.GameDays;

/// <summary>One sample of a Prometheus text exposition: metric name, labels and value.</summary>
internal sealed record ScrapedSample(string Metric, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4) that <c>/metrics</c> serves: one sample per line,
/// <c>name{label="value",...} value [timestamp]</c>; comments and blank lines skipped, label values unescaped
/// (<c>\\</c>, <c>\"</c>, <c>\n</c>). A live game day samples the target's counters with it, as Prometheus would.
/// </summary>
internal static class PrometheusScrape
{
    public static IReadOnlyList<ScrapedSample> Parse(string text)
    {
        var samples = new List<ScrapedSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            int brace = line.IndexOf('{', StringComparison.Ordinal);
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string metric;
            int rest;
            if (brace >= 0 && (space < 0 || brace < space))
            {
                metric = line[..brace];
                rest = ReadLabels(line, brace + 1, labels);
            }
            else if (space > 0)
            {
                metric = line[..space];
                rest = space;
            }
            else
            {
                continue;
            }
            var fields = line[rest..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && TryValue(fields[0], out double value))
            {
                samples.Add(new ScrapedSample(metric, labels, value));
            }
        }
        return samples;
    }

    // Reads label pairs from just after '{' to the closing '}'; returns the index after it.
    private static int ReadLabels(string line, int i, Dictionary<string, string> labels)
    {
        while (i < line.Length && line[i] != '}')
        {
            if (line[i] is ',' or ' ')
            {
                i++;
                continue;
            }
            int eq = line.IndexOf('=', i);
            if (eq < 0 || eq + 1 >= line.Length || line[eq + 1] != '"')
            {
                return line.Length;
            }
            string name = line[i..eq];
            var value = new StringBuilder();
            i = eq + 2;
            while (i < line.Length && line[i] != '"')
            {
                if (line[i] == '\\' && i + 1 < line.Length)
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
                i++;
            }
            labels[name] = value.ToString();
            i++;
        }
        return Math.Min(line.Length, i + 1);
    }

    private static bool TryValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
