using System.Text;
using System.Text.RegularExpressions;

namespace QNet.Sre.Specs;

/// <summary>
/// A PromQL instant-vector selector (<c>metric{label="v"}</c>), the only query form QNet accepts in an
/// OpenSLO <c>metricSource.spec.query</c>: QNet builds every rate, ratio and window itself so that the
/// in-process evaluator and the generated Prometheus rules compute the same thing.
/// </summary>
public sealed partial record MetricSelector(string Metric, IReadOnlyList<LabelMatcher> Matchers)
{
    /// <summary>True when a series with this name and these labels is selected.</summary>
    public bool Matches(string metric, IReadOnlyDictionary<string, string> labels)
    {
        if (metric != Metric)
        {
            return false;
        }

        foreach (var m in Matchers)
        {
            if (!m.Matches(labels.TryGetValue(m.Name, out var v) ? v : ""))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>PromQL text of the selector.</summary>
    public override string ToString()
    {
        if (Matchers.Count == 0)
        {
            return Metric;
        }

        var sb = new StringBuilder(Metric).Append('{');
        sb.AppendJoin(", ", Matchers.Select(m => m.ToString()));
        return sb.Append('}').ToString();
    }

    /// <summary>Parses <c>name{a="x", b=~"y|z"}</c>; returns null and a reason when the text is not a plain selector.</summary>
    public static MetricSelector? TryParse(string text, out string? error)
    {
        error = null;
        var match = SelectorRegex().Match(text.Trim());
        if (!match.Success)
        {
            error = $"'{text}' is not a plain selector such as metric_name{{label=\"value\"}}; QNet builds rate(), sums and windows itself";
            return null;
        }

        var matchers = new List<LabelMatcher>();
        var body = match.Groups["body"].Value;
        var pos = 0;
        while (pos < body.Length)
        {
            var m = MatcherRegex().Match(body, pos);
            if (!m.Success || m.Index != pos)
            {
                error = $"cannot read label matcher at '{body[pos..]}' in '{text}'";
                return null;
            }

            var op = m.Groups["op"].Value switch { "=" => MatchOp.Equal, "!=" => MatchOp.NotEqual, "=~" => MatchOp.Regex, _ => MatchOp.NotRegex };
            var value = m.Groups["value"].Value.Replace("\\\"", "\"").Replace("\\\\", "\\");
            try
            {
                matchers.Add(new LabelMatcher(m.Groups["name"].Value, op, value));
            }
            catch (ArgumentException ex)
            {
                error = $"bad regex in '{text}': {ex.Message}";
                return null;
            }

            pos = m.Index + m.Length;
        }

        return new MetricSelector(match.Groups["name"].Value, matchers);
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{(?<body>[^}]*)\})?$")]
    private static partial Regex SelectorRegex();

    [GeneratedRegex(@"\s*(?<name>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*""(?<value>(?:[^""\\]|\\.)*)""\s*,?\s*")]
    private static partial Regex MatcherRegex();
}
