using System.Globalization;
using System.Text;
using QNet.Sre.Evaluation;

namespace QNet.Sre.Generation;

/// <summary>One input series of a scenario: values at 0, interval, 2 × interval, ...; null is a missing sample.</summary>
internal sealed record ScenarioSeries(string Metric, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<double?> Values)
{
    /// <summary>PromQL series text, e.g. <c>metric{a="b"}</c>.</summary>
    public string SeriesText => Labels.Count == 0
        ? Metric
        : Metric + "{" + string.Join(", ", Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}=\"{kv.Value}\"")) + "}";

    /// <summary>
    /// promtool's expanding notation: runs of integers with a constant integer step become <c>a+bxn</c>
    /// (promtool expands them by repeated addition, exact for integers), missing samples become <c>_</c>.
    /// </summary>
    public string ValuesText()
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < Values.Count)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            if (Values[i] is not { } v)
            {
                sb.Append('_');
                i++;
                continue;
            }

            var j = i + 1;
            if (IsInt(v) && j < Values.Count && Values[j] is { } next && IsInt(next))
            {
                var step = next - v;
                while (j + 1 < Values.Count && Values[j + 1] is { } w && IsInt(w) && w - Values[j]!.Value == step)
                {
                    j++;
                }

                var n = j - i;
                sb.Append(Num(v)).Append(step >= 0 ? "+" : "").Append(Num(step)).Append('x').Append(n.ToString(CultureInfo.InvariantCulture));
                i = j + 1;
                continue;
            }

            sb.Append(Num(v));
            i++;
        }

        return sb.ToString();
    }

    private static bool IsInt(double v) => Math.Abs(v) < 1e15 && v == Math.Floor(v);

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A named set of input series sampled every <see cref="Interval"/> from Unix time 0, as promtool unit tests feed them.</summary>
internal sealed record TestScenario(string Name, TimeSpan Interval, IReadOnlyList<ScenarioSeries> Series)
{
    /// <summary>The scenario as metric history for the in-process evaluator.</summary>
    public InMemoryMetricHistory ToHistory()
    {
        var history = new InMemoryMetricHistory();
        var step = (long)Interval.TotalMilliseconds;
        foreach (var s in Series)
        {
            for (var i = 0; i < s.Values.Count; i++)
            {
                if (s.Values[i] is { } v)
                {
                    history.Add(s.Metric, s.Labels, i * step, v);
                }
            }
        }

        return history;
    }

    /// <summary>Length covered by the longest series.</summary>
    public TimeSpan Duration => Interval * Math.Max(0, Series.Max(s => s.Values.Count) - 1);
}
