namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// The names of the twin's core series (Prometheus form, as in the architecture table) and the SLO
/// thresholds their buckets must contain. The OpenTelemetry instruments and the tally book of
/// <see cref="TwinMetrics"/> both read them, so the exported series and the in-process SLO history
/// cannot drift apart. Counters are named without <c>_total</c>; <see cref="Total"/> gives the
/// exposed name (the Prometheus exporter appends the suffix, the tally book stores the exposed name).
/// </summary>
internal static class TwinMetricCatalogue
{
    public const string LinkPairsGenerated = "qnet_link_pairs_generated";
    public const string SessionPairsDelivered = "qnet_session_pairs_delivered";
    public const string SwapAttempts = "qnet_swap_attempts";
    public const string SwapSuccesses = "qnet_swap_successes";
    public const string MemoryPairsExpired = "qnet_memory_pairs_expired";
    public const string SessionRequests = "qnet_session_requests";
    public const string LinkPairFidelity = "qnet_link_pair_fidelity";
    public const string SessionPairFidelity = "qnet_session_pair_fidelity";
    public const string HeraldingLatencySeconds = "qnet_heralding_latency_seconds";

    /// <summary>Fidelity threshold of the deploy/slo fidelity objectives (link and session pairs); a bucket bound.</summary>
    public const double FidelityThreshold = 0.9;

    /// <summary>Heralding latency threshold of the deploy/slo latency objective, in seconds; a bucket bound.</summary>
    public const double HeraldingLatencyThresholdSeconds = 0.005;

    /// <summary>Fidelity bucket bounds; include <see cref="FidelityThreshold"/>.</summary>
    public static readonly double[] FidelityBuckets = [0.5, 0.6, 0.7, 0.8, 0.85, FidelityThreshold, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999, 1];

    /// <summary>Heralding latency bucket bounds in seconds; include <see cref="HeraldingLatencyThresholdSeconds"/>.</summary>
    public static readonly double[] LatencyBuckets =
        [0.00001, 0.00002, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.002, HeraldingLatencyThresholdSeconds, 0.01, 0.02, 0.05, 0.1, 0.5, 1];

    /// <summary>The exposed name of a counter (<c>_total</c> appended).</summary>
    public static string Total(string counter) => counter + "_total";
}
