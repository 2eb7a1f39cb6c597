namespace QNet.Sre.Specs;

/// <summary>A service level indicator: what is measured.</summary>
public abstract record Sli(string Name);

/// <summary>
/// Ratio of events: exactly one of <see cref="Good"/> or <see cref="Bad"/> is set, over <see cref="Total"/>.
/// All three are counters (histogram buckets and counts are counters too).
/// </summary>
public sealed record RatioSli(string Name, MetricSelector? Good, MetricSelector? Bad, MetricSelector Total) : Sli(Name)
{
    /// <summary>Every metric the indicator reads.</summary>
    public IEnumerable<MetricSelector> Selectors => new[] { Good, Bad, Total }.OfType<MetricSelector>();
}

/// <summary>
/// A value compared with the objective's threshold per time slice: the per-second rate over the slice when the
/// metric is a counter (name ends in <c>_total</c>, <c>_count</c> or <c>_bucket</c>), else the gauge's value.
/// </summary>
public sealed record ThresholdSli(string Name, MetricSelector Metric) : Sli(Name)
{
    /// <summary>True when the metric is a counter and is read through rate().</summary>
    public bool IsCounter => Metric.Metric.EndsWith("_total", StringComparison.Ordinal)
        || Metric.Metric.EndsWith("_count", StringComparison.Ordinal)
        || Metric.Metric.EndsWith("_bucket", StringComparison.Ordinal);
}
