namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// Cumulative series values (counters, histogram threshold buckets and counts, gauges) keyed by metric and labels,
/// in the form Prometheus stores them. Written and read on the simulation thread only.
/// </summary>
internal sealed class TallyBook
{
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);

    /// <summary>One series: metric name, labels and current value.</summary>
    public sealed class Series(string metric, IReadOnlyDictionary<string, string> labels)
    {
        public string Metric { get; } = metric;
        public IReadOnlyDictionary<string, string> Labels { get; } = labels;
        public double Value { get; set; }
    }

    /// <summary>Every series.</summary>
    public IEnumerable<Series> All => _series.Values;

    /// <summary>Number of series.</summary>
    public int Count => _series.Count;

    public void Add(string metric, string label, string value, double delta)
    {
        var key = metric + "|" + label + "=" + value;
        if (!_series.TryGetValue(key, out var s))
        {
            s = new Series(metric, new Dictionary<string, string> { [label] = value });
            _series[key] = s;
        }
        s.Value += delta;
    }

    public void Add(string metric, IReadOnlyDictionary<string, string> labels, double delta) => Get(metric, labels).Value += delta;

    public void Set(string metric, IReadOnlyDictionary<string, string> labels, double value) => Get(metric, labels).Value = value;

    /// <summary>A histogram observation: <c>_count</c>, <c>_bucket{le="+Inf"}</c> and the <c>le</c> threshold bucket the SLOs read.</summary>
    public void AddHistogram(string metric, string label, string value, double observation, double threshold)
    {
        Add(metric + "_count", label, value, 1);
        Add(metric + "_bucket", new Dictionary<string, string> { [label] = value, ["le"] = "+Inf" }, 1);
        Add(metric + "_bucket", new Dictionary<string, string> { [label] = value, ["le"] = threshold.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            observation <= threshold ? 1 : 0);
    }

    private Series Get(string metric, IReadOnlyDictionary<string, string> labels)
    {
        var key = metric + "|" + string.Join(",", labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
        if (!_series.TryGetValue(key, out var s))
        {
            s = new Series(metric, labels);
            _series[key] = s;
        }
        return s;
    }
}
