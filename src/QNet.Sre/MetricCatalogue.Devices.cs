namespace QNet.Sre;

/// <summary>Device readings a node agent reports (docs/agents.md), and its accounting of vendor telemetry it could not map.</summary>
public static partial class MetricCatalogue
{
    /// <summary><c>qnet_detector_dark_count_rate_hertz{node, device}</c>: a detector's dark-count rate, in hertz.</summary>
    public const string DetectorDarkCountRateHertz = "qnet_detector_dark_count_rate_hertz";

    /// <summary><c>qnet_detector_efficiency_ratio{node, device}</c>: a detector's detection efficiency, 0..1.</summary>
    public const string DetectorEfficiencyRatio = "qnet_detector_efficiency_ratio";

    /// <summary><c>qnet_detector_dead_time_seconds{node, device}</c>: a detector's dead time after a click, in seconds.</summary>
    public const string DetectorDeadTimeSeconds = "qnet_detector_dead_time_seconds";

    /// <summary>
    /// <c>qnet_agent_telemetry_unknown_total{node, vendor_metric}</c> (counter): vendor telemetry readings whose metric
    /// the node's mapping file does not name (counted, never silently dropped).
    /// </summary>
    public const string AgentTelemetryUnknown = "qnet_agent_telemetry_unknown";

    /// <summary><c>qnet_agent_telemetry_rejected_total{node, reason}</c> (counter): vendor telemetry lines refused (malformed, missing field or label, non-finite, bad time).</summary>
    public const string AgentTelemetryRejected = "qnet_agent_telemetry_rejected";
}
