namespace QNet.Sre.Evaluation;

/// <summary>
/// A simple <see cref="IMetricHistory"/> held in memory; samples must be appended in time order per series.
/// <see cref="Query"/> returns views over the stored samples (no copy): they stay valid while samples are appended
/// and until the next <see cref="Prune"/>.
/// </summary>
public sealed class InMemoryMetricHistory : IMetricHistory
{
    private readonly Dictionary<string, Dictionary<LabelSet, List<MetricSample>>> _series = new(StringComparer.Ordinal);

    /// <summary>Appends one sample to the series (metric, labels).</summary>
    public void Add(string metric, IReadOnlyDictionary<string, string> labels, long unixMs, double value)
    {
        if (!_series.TryGetValue(metric, out var byLabels))
        {
            byLabels = [];
            _series[metric] = byLabels;
        }

        var key = new LabelSet(labels);
        if (!byLabels.TryGetValue(key, out var samples))
        {
            samples = [];
            byLabels[key] = samples;
        }

        if (samples.Count > 0 && samples[^1].UnixMs >= unixMs)
        {
            throw new ArgumentException($"samples of {metric}{key} must be appended in increasing time order", nameof(unixMs));
        }

        samples.Add(new MetricSample(unixMs, value));
    }

    /// <inheritdoc />
    public IReadOnlyList<SeriesSamples> Query(string metric, long startUnixMs, long endUnixMs)
    {
        if (!_series.TryGetValue(metric, out var byLabels))
        {
            return [];
        }

        var result = new List<SeriesSamples>();
        foreach (var (labels, samples) in byLabels)
        {
            var lo = LowerBound(samples, startUnixMs);
            // Samples at or before the end; an end of long.MaxValue means "everything" and must not wrap around.
            var hi = endUnixMs == long.MaxValue ? samples.Count : LowerBound(samples, endUnixMs + 1);
            if (hi > lo)
            {
                result.Add(new SeriesSamples(metric, labels.ToDictionary(), new SampleView(samples, lo, hi - lo)));
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
                samples.RemoveRange(0, LowerBound(samples, unixMs));
            }
        }
    }

    private static int LowerBound(List<MetricSample> samples, long t)
    {
        int lo = 0, hi = samples.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (samples[mid].UnixMs < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>A read-only window [offset, offset + count) of a sample list.</summary>
    private sealed class SampleView(List<MetricSample> list, int offset, int count) : IReadOnlyList<MetricSample>
    {
        public int Count => count;

        public MetricSample this[int index] => (uint)index < (uint)count ? list[offset + index] : throw new ArgumentOutOfRangeException(nameof(index));

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
