using System.Diagnostics.Metrics;
using QNet.Sre;

namespace QNet.ControlPlane.Agents;

/// <summary>
/// The agents' gauges (meter <c>QNet.Agents</c>), read from the registry at each scrape: whether each node's agent is
/// reachable, and how many telemetry batches it reported dropping. Label <c>node</c>; nodes no agent has connected
/// for have no series, so a network run without agents raises no alert.
/// </summary>
internal sealed class AgentMetrics : IDisposable
{
    public const string MeterName = "QNet.Agents";

    private readonly Meter _meter;

    public AgentMetrics(IMeterFactory? factory, AgentRegistry registry)
    {
        _meter = factory?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        _meter.CreateObservableGauge(MetricCatalogue.NodeReachable, () => registry.Nodes.Where(n => n.EverConnected)
            .Select(n => new Measurement<int>(registry.StateOf(n) == AgentNodeState.Reachable ? 1 : 0, new KeyValuePair<string, object?>("node", n.Node))).ToList(),
            null, "1 while the node's agent is connected and heard from within the silence timeout, else 0.");
        _meter.CreateObservableGauge(MetricCatalogue.AgentTelemetryDroppedBatches, () => registry.Nodes.Where(n => n.EverConnected)
            .Select(n => new Measurement<long>((long)n.DroppedBatches, new KeyValuePair<string, object?>("node", n.Node))).ToList(),
            null, "Telemetry batches the node's agent dropped because its buffer was full, as it last reported.");
    }

    public void Dispose() => _meter.Dispose();
}
