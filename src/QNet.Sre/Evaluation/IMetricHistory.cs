using QNet.Sre.Specs;

namespace QNet.Sre.Evaluation;

/// <summary>One sample: Unix time in milliseconds (Prometheus' convention) and value.</summary>
public readonly record struct MetricSample(long UnixMs, double Value);

/// <summary>The samples of one series (metric name and labels, without <c>__name__</c>) within a queried range, oldest first.</summary>
public sealed record SeriesSamples(string Metric, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<MetricSample> Samples)
{
    /// <summary>The labels as a set, when the history already holds it (the engine builds it from <see cref="Labels"/> otherwise).</summary>
    internal LabelSet? Key { get; init; }
}

/// <summary>
/// Where the in-process evaluator reads metric history. The control plane implements it over its downsampled
/// history; tests use <see cref="InMemoryMetricHistory"/>. Histograms are read as their <c>_bucket</c>,
/// <c>_sum</c> and <c>_count</c> counter series, exactly as Prometheus stores them.
/// </summary>
public interface IMetricHistory
{
    /// <summary>Every series of <paramref name="metric"/> with its samples whose time t satisfies start ≤ t ≤ end (both in Unix ms).</summary>
    IReadOnlyList<SeriesSamples> Query(string metric, long startUnixMs, long endUnixMs);

    /// <summary>
    /// The series <paramref name="selector"/> selects, with their samples whose time t satisfies start ≤ t ≤ end: the
    /// same series, in the same order, as <see cref="Query(string, long, long)"/> filtered by the selector. A history may
    /// test the labels first and skip the samples of series the selector leaves out.
    /// </summary>
    IReadOnlyList<SeriesSamples> Query(MetricSelector selector, long startUnixMs, long endUnixMs) =>
        Query(selector.Metric, startUnixMs, endUnixMs).Where(s => selector.Matches(s.Metric, s.Labels)).ToList();
}
