using QNet.Network.Faults;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Twin;

// What a node's agent measures is what the twin uses for that node: a memory coherence time the agent reports below
// the scenario's nominal T2 becomes a T2 factor on the node's memories (the memory-t2-drop path of the fault
// injector, under an id of its own that is not listed as a fault), so sessions and the coherence probe (M5) see it
// without any API call. A report at or above nominal takes the factor away.
internal sealed partial class Twin
{
    /// <summary>Id prefix of the T2 factor an agent's measurement sets on its node (not listed as a fault).</summary>
    public const string AgentPrefix = "agent-";

    /// <summary>
    /// Relative change below which a new measurement leaves the applied factor alone: a few standard errors of the
    /// agent's estimate (about 2.5 % at its 10,000 test qubits), so measurement noise does not churn the network.
    /// </summary>
    public const double AgentCoherenceDeadband = 0.05;

    private readonly Dictionary<string, (string Id, double Factor)> _agentCoherence = new(StringComparer.Ordinal);
    private long _agentChanges;

    /// <summary>
    /// Uses <paramref name="measuredT2Seconds"/> (from node <paramref name="node"/>'s agent) as the node's memory T2
    /// (simulation thread); returns the factor on the nominal T2 now applied (1 when none).
    /// </summary>
    public double UseAgentCoherence(string node, double measuredT2Seconds)
    {
        if (!_baseNodes.TryGetValue(node, out var spec) || !double.IsFinite(measuredT2Seconds) || measuredT2Seconds <= 0)
        {
            return 1;
        }
        double nominal = spec.Memory.T2Seconds;
        if (!double.IsFinite(nominal))
        {
            return 1; // a memory without decoherence has no factor to apply
        }
        double factor = Math.Min(1, measuredT2Seconds / nominal);
        double current = _agentCoherence.TryGetValue(node, out var applied) ? applied.Factor : 1;
        if (Math.Abs(factor - current) <= AgentCoherenceDeadband * current)
        {
            return current;
        }
        if (_agentCoherence.Remove(node, out var old))
        {
            FaultInjector.Clear(old.Id);
        }
        if (factor < 1)
        {
            string id = $"{AgentPrefix}{node}-{++_agentChanges}";
            FaultInjector.Schedule(id, new FaultSpec(FaultKind.MemoryT2Drop, node, factor, NowAsFaultInstant));
            _agentCoherence[node] = (id, factor);
        }
        Scheduler.RunUntil(Simulator.Now); // it applies now: sessions through the node move at once
        return factor < 1 ? factor : 1;
    }
}
