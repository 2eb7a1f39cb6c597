using QNet.Sre.Specs;

namespace QNet.Sre.Evaluation;

/// <summary>
/// A simple <see cref="IMetricHistory"/> held in memory; samples must be appended in time order per series.
/// <see cref="Query(string, long, long)"/> returns views over the stored samples (no copy): they stay valid while samples are appended
/// and until the next <see cref="Prune"/>.
/// </summary>
public sealed class InMemoryMetricHistory : IMetricHistory
{
    private readonly Dictionary<string, Dictionary<LabelSet, SampleSeries>> _series = new(StringComparer.Ordinal);

    /// <summary>Appends one sample to the series (metric, labels).</summary>
    public void Add(string metric, IReadOnlyDictionary<string, string> labels, long unixMs, double value) => Add(metric, new LabelSet(labels), unixMs, value);

    /// <summary>Appends one sample to the series (metric, <paramref name="key"/>), whose label set the caller already has.</summary>
    internal void Add(string metric, LabelSet key, long unixMs, double value) => SeriesOf(metric, key).Add(unixMs, value);

    /// <summary>
    /// The series (metric, labels), created (empty) if new, to append to with <see cref="Appender.Add"/>: a
    /// sampler that appends to the same series at every scrape keeps it instead of finding it by name and labels again.
    /// It stays valid for the history's life (pruning drops samples, never series).
    /// </summary>
    public Appender SeriesOf(string metric, IReadOnlyDictionary<string, string> labels) => SeriesOf(metric, new LabelSet(labels));

    private Appender SeriesOf(string metric, LabelSet key)
    {
        if (!_series.TryGetValue(metric, out var byLabels))
        {
            byLabels = [];
            _series[metric] = byLabels;
        }

        if (!byLabels.TryGetValue(key, out var samples))
        {
            samples = new SampleSeries(key);
            byLabels[key] = samples;
        }

        return new Appender(metric, samples);
    }

    /// <summary>One stored series, found once, to append samples to.</summary>
    public sealed class Appender
    {
        internal Appender(string metric, SampleSeries samples)
        {
            Metric = metric;
            Samples = samples;
        }

        /// <summary>The series' metric name.</summary>
        public string Metric { get; }

        internal SampleSeries Samples { get; }

        /// <summary>Appends one sample; samples must be appended in increasing time order.</summary>
        public void Add(long unixMs, double value)
        {
            if (Samples.Count > 0 && Samples[Samples.Count - 1].UnixMs >= unixMs)
            {
                throw new ArgumentException($"samples of {Metric}{Samples.Key} must be appended in increasing time order", nameof(unixMs));
            }

            Samples.Add(new MetricSample(unixMs, value));
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<SeriesSamples> Query(string metric, long startUnixMs, long endUnixMs) => Query(metric, null, startUnixMs, endUnixMs);

    /// <inheritdoc />
    public IReadOnlyList<SeriesSamples> Query(MetricSelector selector, long startUnixMs, long endUnixMs) =>
        Query(selector.Metric, selector, startUnixMs, endUnixMs);

    // The series of the metric (those the selector selects, when there is one), their labels tested before their samples.
    private List<SeriesSamples> Query(string metric, MetricSelector? selector, long startUnixMs, long endUnixMs)
    {
        if (!_series.TryGetValue(metric, out var byLabels))
        {
            return [];
        }

        var result = new List<SeriesSamples>();
        foreach (var samples in byLabels.Values)
        {
            if (selector is not null && !selector.Matches(metric, samples.Labels))
            {
                continue;
            }

            var lo = samples.LowerBound(startUnixMs);
            // Samples at or before the end; an end of long.MaxValue means "everything" and must not wrap around.
            var hi = endUnixMs == long.MaxValue ? samples.Count : samples.LowerBound(endUnixMs + 1);
            if (hi > lo)
            {
                // The window's length keys the series' running folds (sum_over_time, avg_over_time) of this range.
                var span = endUnixMs == long.MaxValue || startUnixMs == long.MinValue ? long.MaxValue : endUnixMs - startUnixMs;
                result.Add(new SeriesSamples(metric, samples.Labels, new SampleView(samples, lo, hi - lo, span)) { Key = samples.Key });
            }
        }

        return result;
    }

    /// <summary>Drops samples older than <paramref name="unixMs"/> (keeps memory flat in long runs).</summary>
    public void Prune(long unixMs)
    {
        foreach (var byLabels in _series.Values)
        {
            foreach (var samples in byLabels.Values)
            {
                samples.RemoveFirst(samples.LowerBound(unixMs));
            }
        }
    }

    /// <summary>
    /// A read-only window [offset, offset + count) of a stored series, queried over a range of <paramref name="span"/>
    /// ms. The range functions ask it whether the window holds counter drops or stale markers and for its running sums
    /// (<see cref="SampleSeries"/>), so a long window is not looped over at every evaluation.
    /// </summary>
    internal sealed class SampleView(SampleSeries list, int offset, int count, long span) : IReadOnlyList<MetricSample>
    {
        public int Count => count;

        public MetricSample this[int index] => (uint)index < (uint)count ? list[offset + index] : throw new ArgumentOutOfRangeException(nameof(index));

        /// <summary>True when some sample is lower than the one before it (a counter reset, for rate()).</summary>
        public bool HasDrops => list.HasDrops(offset, count);

        /// <summary>True when the window holds a stale marker.</summary>
        public bool HasStale => list.HasStale(offset, count);

        /// <summary>The sequential sum of the values (sum_over_time).</summary>
        public double Sum() => list.Sum(offset, count, span);

        /// <summary>The incremental mean of the values (avg_over_time).</summary>
        public double Average() => list.Average(offset, count, span);

        public IEnumerator<MetricSample> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return list[offset + i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
