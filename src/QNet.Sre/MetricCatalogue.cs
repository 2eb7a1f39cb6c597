namespace QNet.Sre;

/// <summary>
/// The one catalogue of QNet's core series names (Prometheus form, as in the architecture table) and the SLO
/// thresholds their buckets must contain. The control plane's OpenTelemetry instruments and its tally book, the
/// generated dashboards and the rules all read them, so exported series, the in-process SLO history and the
/// dashboards cannot drift apart. It lives in Sre, below the control plane, so both sides read one copy.
/// Counters are named without <c>_total</c>; <see cref="Total"/> gives the exposed name (the Prometheus exporter
/// appends the suffix, the tally book stores the exposed name).
/// </summary>
public static partial class MetricCatalogue
{
    /// <summary><c>qnet_link_pairs_generated</c>.</summary>
    public const string LinkPairsGenerated = "qnet_link_pairs_generated";
    /// <summary><c>qnet_session_pairs_delivered</c>.</summary>
    public const string SessionPairsDelivered = "qnet_session_pairs_delivered";
    /// <summary><c>qnet_swap_attempts</c>.</summary>
    public const string SwapAttempts = "qnet_swap_attempts";
    /// <summary><c>qnet_swap_successes</c>.</summary>
    public const string SwapSuccesses = "qnet_swap_successes";
    /// <summary><c>qnet_memory_pairs_expired</c>.</summary>
    public const string MemoryPairsExpired = "qnet_memory_pairs_expired";
    /// <summary><c>qnet_session_requests</c>.</summary>
    public const string SessionRequests = "qnet_session_requests";
    /// <summary><c>qnet_link_pair_fidelity</c>.</summary>
    public const string LinkPairFidelity = "qnet_link_pair_fidelity";
    /// <summary><c>qnet_session_pair_fidelity</c>.</summary>
    public const string SessionPairFidelity = "qnet_session_pair_fidelity";
    /// <summary><c>qnet_heralding_latency_seconds</c>.</summary>
    public const string HeraldingLatencySeconds = "qnet_heralding_latency_seconds";

    /// <summary><c>qnet_mitigation_actions</c>: actions of the automated mitigation policy, labels <c>action</c> and <c>reason</c> (the signal).</summary>
    public const string MitigationActions = "qnet_mitigation_actions";

    /// <summary>Fidelity threshold of the deploy/slo fidelity objectives (link and session pairs); a bucket bound.</summary>
    public const double FidelityThreshold = 0.9;

    /// <summary>Heralding latency threshold of the deploy/slo latency objective, in seconds; a bucket bound.</summary>
    public const double HeraldingLatencyThresholdSeconds = 0.005;

    /// <summary>Fidelity bucket bounds; include <see cref="FidelityThreshold"/>.</summary>
    public static readonly double[] FidelityBuckets = [0.5, 0.6, 0.7, 0.8, 0.85, FidelityThreshold, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999, 1];

    /// <summary>Heralding latency bucket bounds in seconds; include <see cref="HeraldingLatencyThresholdSeconds"/>.</summary>
    public static readonly double[] LatencyBuckets =
        [0.00001, 0.00002, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.002, HeraldingLatencyThresholdSeconds, 0.01, 0.02, 0.05, 0.1, 0.5, 1];

    /// <summary>
    /// Gauge the control plane exports per maintenance window: 1 while the window is active, else 0; labels
    /// <c>window</c> (its name) and the window's matchers (<c>link</c>, <c>node</c>, <c>region</c>, ...), or
    /// <c>scope="all"</c> for a window without matchers.
    /// </summary>
    public const string MaintenanceActive = "qnet_maintenance_active";

    /// <summary>Label whose value <c>all</c> marks a maintenance window that covers every series.</summary>
    public const string MaintenanceScopeLabel = "scope";

    /// <summary>
    /// <c>qnet_qkd_key_verification_failures</c>{link}: QKD key blocks whose two ends' keys did not agree, counted per
    /// link at either check (the post-processing verification tag, or the KMS comparing the two KME copies) (F7).
    /// </summary>
    public const string QkdKeyVerificationFailures = "qnet_qkd_key_verification_failures";

    /// <summary><c>qnet_qkd_link_paused</c>{link}: 1 while key production on a QKD link is paused because its estimated QBER passed the abort threshold, else 0.</summary>
    public const string QkdLinkPaused = "qnet_qkd_link_paused";

    /// <summary><c>qnet_qkd_link_pauses</c>{link}: times key production on a QKD link was paused for its QBER.</summary>
    public const string QkdLinkPauses = "qnet_qkd_link_pauses";

    /// <summary>
    /// <c>qnet_qkd_secret_bits</c>{link}: secret key bits a QKD link has distilled (and handed to the key store) since
    /// start, a counter in the metric history: the postmortem reads the key bits lost or delayed from its increase.
    /// </summary>
    public const string QkdSecretBits = "qnet_qkd_secret_bits";

    /// <summary><c>qnet_qkd_configuration_rollbacks</c>{link}: automatic rollbacks of a QKD link's post-processing configuration after verification failures (F7).</summary>
    public const string QkdConfigurationRollbacks = "qnet_qkd_configuration_rollbacks";

    /// <summary>The exposed name of a counter (<c>_total</c> appended).</summary>
    public static string Total(string counter) => counter + "_total";
}
