namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// Cumulative series values (counters, histogram threshold buckets and counts, gauges) keyed by metric and labels,
/// in the form Prometheus stores them. Written and read on the simulation thread only.
/// </summary>
internal sealed class TallyBook
{
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);

    /// <summary>
    /// One series: metric name, labels and current value. A series made by <see cref="Read(string, string, string, Func{double})"/>
    /// reads its value from a figure its owner keeps (one count sampled under several names) and cannot be set.
    /// </summary>
    public sealed class Series(string metric, IReadOnlyDictionary<string, string> labels, Func<double>? read = null)
    {
        private double _value;

        public string Metric { get; } = metric;
        public IReadOnlyDictionary<string, string> Labels { get; } = labels;

        public double Value
        {
            get => read is null ? _value : read();
            set => _value = read is null ? value : throw new InvalidOperationException($"{Metric} reads its value from its owner's figure");
        }
    }

    /// <summary>Every series.</summary>
    public IEnumerable<Series> All => _series.Values;

    /// <summary>Number of series.</summary>
    public int Count => _series.Count;

    public void Add(string metric, string label, string value, double delta) => Of(metric, label, value).Value += delta;

    /// <summary>
    /// The series of <paramref name="metric"/> with one label, created (at 0) if new. Hot paths keep the returned
    /// series and add to its <see cref="Series.Value"/> directly instead of looking it up per measurement.
    /// </summary>
    public Series Of(string metric, string label, string value)
    {
        var key = metric + "|" + label + "=" + value;
        if (!_series.TryGetValue(key, out var s))
        {
            s = new Series(metric, new Dictionary<string, string> { [label] = value });
            _series[key] = s;
        }
        return s;
    }

    /// <summary>The series of <paramref name="metric"/> with these labels, created (at 0) if new (see <see cref="Of(string, string, string)"/>).</summary>
    public Series Of(string metric, IReadOnlyDictionary<string, string> labels) => Get(metric, labels);

    public void Add(string metric, IReadOnlyDictionary<string, string> labels, double delta) => Get(metric, labels).Value += delta;

    public void Set(string metric, IReadOnlyDictionary<string, string> labels, double value) => Get(metric, labels).Value = value;

    /// <summary>
    /// Drops the series of <paramref name="metric"/> with one label, so it is no longer sampled: a gauge whose quantity
    /// has no value now goes stale, as a Prometheus series that stops being exported, instead of repeating its last value.
    /// </summary>
    public bool Remove(string metric, string label, string value) => _series.Remove(metric + "|" + label + "=" + value);

    /// <summary>A histogram observation: <c>_count</c>, <c>_sum</c>, <c>_bucket{le="+Inf"}</c> and the <c>le</c> threshold bucket the SLOs read.</summary>
    public void AddHistogram(string metric, string label, string value, double observation, double threshold) =>
        HistogramOf(metric, label, value, threshold).Observe(observation);

    /// <summary>The series of a histogram with one label and one threshold, created (at 0) if new, in the order <c>_count</c>, <c>+Inf</c>, <c>le</c>, <c>_sum</c>.</summary>
    public Histogram HistogramOf(string metric, string label, string value, double threshold) => new(
        Of(metric + "_count", label, value),
        Get(metric + "_bucket", new Dictionary<string, string> { [label] = value, ["le"] = "+Inf" }),
        Get(metric + "_bucket", new Dictionary<string, string> { [label] = value, ["le"] = threshold.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        threshold, Of(metric + "_sum", label, value));

    /// <summary>
    /// A series of <paramref name="metric"/> with one label whose value is read from a figure the caller keeps (a hot path
    /// counts once into its own fields; the series read them when sampled). The series must be new.
    /// </summary>
    public Series Read(string metric, string label, string value, Func<double> read) =>
        Add(metric, new Dictionary<string, string> { [label] = value }, read);

    /// <summary>A series of <paramref name="metric"/> with these labels read from a figure the caller keeps (see <see cref="Read(string, string, string, Func{double})"/>).</summary>
    public Series Read(string metric, IReadOnlyDictionary<string, string> labels, Func<double> read) => Add(metric, labels, read);

    /// <summary>
    /// The series of a histogram with one label and one threshold, read from figures the caller keeps, in the order of
    /// <see cref="HistogramOf"/>: <c>_count</c> and <c>le="+Inf"</c> both read <paramref name="count"/>, the threshold
    /// bucket reads <paramref name="within"/> and <c>_sum</c> reads <paramref name="sum"/>. The series must be new.
    /// </summary>
    public void ReadHistogram(string metric, string label, string value, double threshold, Func<double> count, Func<double> within, Func<double> sum)
    {
        Read(metric + "_count", label, value, count);
        Add(metric + "_bucket", new Dictionary<string, string> { [label] = value, ["le"] = "+Inf" }, count);
        Add(metric + "_bucket", new Dictionary<string, string> { [label] = value, ["le"] = threshold.ToString(System.Globalization.CultureInfo.InvariantCulture) }, within);
        Read(metric + "_sum", label, value, sum);
    }

    /// <summary>
    /// A histogram's series as the SLOs read them (count, <c>le="+Inf"</c> and one <c>le</c> threshold bucket) and its sum,
    /// which mean-value reads (a game day's M6 probe: sum over count) need.
    /// </summary>
    public sealed class Histogram(Series count, Series infinity, Series bucket, double threshold, Series sum)
    {
        /// <summary>Counts one observation (in the histogram's unit) in every series it falls in, and adds it to the sum.</summary>
        public void Observe(double observation)
        {
            count.Value++;
            sum.Value += observation;
            infinity.Value++;
            if (observation <= threshold)
            {
                bucket.Value++;
            }
        }
    }

    private Series Get(string metric, IReadOnlyDictionary<string, string> labels)
    {
        var key = KeyOf(metric, labels);
        if (!_series.TryGetValue(key, out var s))
        {
            s = new Series(metric, labels);
            _series[key] = s;
        }
        return s;
    }

    private Series Add(string metric, IReadOnlyDictionary<string, string> labels, Func<double> read)
    {
        var s = new Series(metric, labels, read);
        return _series.TryAdd(KeyOf(metric, labels), s) ? s : throw new InvalidOperationException($"the series {KeyOf(metric, labels)} exists already");
    }

    // The same key as Of(metric, label, value) for one label.
    private static string KeyOf(string metric, IReadOnlyDictionary<string, string> labels) =>
        metric + "|" + string.Join(",", labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
}
