namespace QNet.Sre;

/// <summary>
/// The remaining series names: gauges, detector and KMS instruments, the failure-mode signals, and the recorded
/// series prefix of the generated rules. Every <c>qnet_</c> metric name in <c>src/</c> is one of these constants
/// (a test scans the sources, another scrapes a running control plane).
/// </summary>
public static partial class MetricCatalogue
{
    /// <summary><c>qnet_link_transmittance_ratio{link}</c>: channel transmittance of each link, 0..1 (M3).</summary>
    public const string LinkTransmittanceRatio = "qnet_link_transmittance_ratio";

    /// <summary>
    /// <c>qnet_link_up{link}</c>: 1 while the link is up by its own health, 0 while it is cut or out of service for
    /// calibration; independent of whether sessions use it (F1, <c>QNetLinkDown</c>).
    /// </summary>
    public const string LinkUp = "qnet_link_up";

    /// <summary><c>qnet_memory_coherence_time_seconds{node}</c>: T2 measured by the twin's coherence probe, in seconds (M5).</summary>
    public const string MemoryCoherenceTimeSeconds = "qnet_memory_coherence_time_seconds";

    /// <summary><c>qnet_memory_coherence_nominal_seconds{node}</c>: the T2 the scenario specifies for the node, in seconds.</summary>
    public const string MemoryCoherenceNominalSeconds = "qnet_memory_coherence_nominal_seconds";

    /// <summary><c>qnet_memory_relaxation_time_seconds{node}</c>: T1 measured by the twin's coherence probe, in seconds.</summary>
    public const string MemoryRelaxationTimeSeconds = "qnet_memory_relaxation_time_seconds";

    /// <summary><c>qnet_calibration_drift_ratio{node, device}</c>: relative drift since the last calibration, 0..1 (M10).</summary>
    public const string CalibrationDriftRatio = "qnet_calibration_drift_ratio";

    /// <summary>
    /// <c>qnet_memory_pairs_lost_total{session_class, reason}</c> (counter): pairs held in quantum memories that were lost
    /// with the controller that held them; <c>reason="failover"</c>: counted by the new leader from the dead leader's
    /// last memory snapshot (docs/high-availability.md).
    /// </summary>
    public const string MemoryPairsLost = "qnet_memory_pairs_lost";

    /// <summary>Value of the <c>reason</c> label of <see cref="MemoryPairsLost"/> for pairs lost at a control-plane failover.</summary>
    public const string FailoverLossReason = "failover";

    /// <summary><c>qnet_twin_simulated_seconds</c>: the twin's simulated time since start.</summary>
    public const string TwinSimulatedSeconds = "qnet_twin_simulated_seconds";

    /// <summary><c>qnet_twin_lag_seconds</c>: how far the twin is behind its wall-clock target.</summary>
    public const string TwinLagSeconds = "qnet_twin_lag_seconds";

    /// <summary>
    /// <c>qnet_twin_clock_remaining_seconds</c>: simulated time left before the twin's clock ends (about 106 days after
    /// its start); at 0 the twin has stopped advancing until the control plane is restarted.
    /// </summary>
    public const string TwinClockRemainingSeconds = "qnet_twin_clock_remaining_seconds";

    /// <summary>
    /// Simulated time left on the twin's clock below which the control plane warns in its log and the
    /// <c>QNetTwinClockEnding</c> ticket opens: three days (at real time, three days to plan a restart).
    /// </summary>
    public const double TwinClockWarningSeconds = 3 * 86_400;

    /// <summary><c>qnet_detector_clicks_total{link, origin}</c> (counter): heralding clicks by origin (photon, dark).</summary>
    public const string DetectorClicks = "qnet_detector_clicks";

    /// <summary><c>qnet_detector_dark_count_floor_hertz{link}</c>: herald rate of one channel from dark counts alone.</summary>
    public const string DetectorDarkCountFloorHertz = "qnet_detector_dark_count_floor_hertz";

    /// <summary>
    /// <c>qnet_detector_click_ratio{link}</c>: heralding clicks observed over the last minute divided by the clicks
    /// the link's nominal detector parameters explain for the photons that arrived (1 on a healthy link; F5).
    /// </summary>
    public const string DetectorClickRatio = "qnet_detector_click_ratio";

    /// <summary><c>qnet_session_pairs_judged_total{session_class, target}</c> (counter): pairs judged against their session's fidelity.</summary>
    public const string SessionPairsJudged = "qnet_session_pairs_judged";

    /// <summary><c>qnet_kms_key_delivery_seconds{endpoint}</c> (histogram): ETSI key request to usable keys (M8).</summary>
    public const string KmsKeyDeliverySeconds = "qnet_kms_key_delivery_seconds";

    /// <summary><c>qnet_kms_requests_total{endpoint, outcome}</c> (counter).</summary>
    public const string KmsRequests = "qnet_kms_requests";

    /// <summary><c>qnet_kms_key_mismatches_total{pool}</c> (counter): blocks whose two KME copies disagreed.</summary>
    public const string KmsKeyMismatches = "qnet_kms_key_mismatches";

    /// <summary><c>qnet_kms_stored_keys{pool}</c>: keys of the default size available per pool.</summary>
    public const string KmsStoredKeys = "qnet_kms_stored_keys";

    /// <summary><c>qnet_kms_audit_head_sequence</c>: sequence number of the audit trail's last entry.</summary>
    public const string KmsAuditHeadSequence = "qnet_kms_audit_head_sequence";

    /// <summary>ASP.NET Core's request duration histogram (M9), not QNet's own name.</summary>
    public const string HttpServerRequestDurationSeconds = "http_server_request_duration_seconds";

    /// <summary>Prefix of the recorded series of the generated SLO rules (<c>qnet_slo:error_ratio:rate5m</c>, ...).</summary>
    public const string RecordedPrefix = "qnet_slo:";

    /// <summary>Label on generated SLO alerts saying which layer they are about (link, session, kms, control).</summary>
    public const string LayerLabel = "qnet_layer";

    /// <summary>
    /// Tolerance of calibration drift (<see cref="CalibrationDriftRatio"/>): the calibration-drift SLO's threshold
    /// and the level the predictive calibration ticket looks ahead to.
    /// </summary>
    public const double CalibrationDriftTolerance = 0.05;

    /// <summary>Every QNet series name exported (counters without <c>_total</c>, histograms without their suffixes).</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        LinkPairsGenerated, SessionPairsDelivered, SwapAttempts, SwapSuccesses, MemoryPairsExpired, SessionRequests,
        LinkPairFidelity, SessionPairFidelity, HeraldingLatencySeconds, MaintenanceActive,
        LinkTransmittanceRatio, LinkUp, MemoryCoherenceTimeSeconds, MemoryCoherenceNominalSeconds, MemoryRelaxationTimeSeconds, CalibrationDriftRatio,
        TwinSimulatedSeconds, TwinLagSeconds, TwinClockRemainingSeconds, DetectorClicks, DetectorDarkCountFloorHertz, DetectorClickRatio,
        SessionPairsJudged, QkdKeyVerificationFailures, KmsKeyDeliverySeconds, KmsRequests, KmsKeyMismatches,
        KmsStoredKeys, KmsAuditHeadSequence, QkdLinkPaused, QkdLinkPauses, QkdConfigurationRollbacks, MitigationActions,
        DetectorDarkCountRateHertz, DetectorEfficiencyRatio, DetectorDeadTimeSeconds, AgentTelemetryUnknown, AgentTelemetryRejected,
        NodeReachable, AgentTelemetryDroppedBatches, HaLeader, HaFailovers, ConfigChangeSteps, QkdSecretBits, MemoryPairsLost,
    };

    /// <summary>
    /// Whether an exposed series name (with <c>_total</c>, <c>_bucket</c>, <c>_count</c> or <c>_sum</c>) belongs to a
    /// catalogued metric.
    /// </summary>
    public static bool Contains(string exposedName)
    {
        if (All.Contains(exposedName))
        {
            return true;
        }

        foreach (var suffix in (string[])["_total", "_bucket", "_count", "_sum", "_created"])
        {
            if (exposedName.EndsWith(suffix, StringComparison.Ordinal) && All.Contains(exposedName[..^suffix.Length]))
            {
                return true;
            }
        }

        return false;
    }
}
