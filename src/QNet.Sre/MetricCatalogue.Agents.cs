namespace QNet.Sre;

public static partial class MetricCatalogue
{
    /// <summary>
    /// <c>qnet_node_reachable{node}</c>: 1 while the node's agent is connected and heard from within the silence
    /// timeout, 0 once it falls silent or its stream ends; only for nodes an agent has connected for (docs/agents.md,
    /// <c>QNetNodeUnreachable</c>).
    /// </summary>
    public const string NodeReachable = "qnet_node_reachable";

    /// <summary><c>qnet_agent_telemetry_dropped_batches{node}</c>: telemetry batches the node's agent dropped because its buffer was full, as it last reported.</summary>
    public const string AgentTelemetryDroppedBatches = "qnet_agent_telemetry_dropped_batches";
}
