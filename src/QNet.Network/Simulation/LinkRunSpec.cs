using QNet.Network.Links;
using QNet.Network.Scenarios;
using QNet.Physics.Hardware;

namespace QNet.Network.Simulation;

/// <summary>One link to run in a link-layer simulation.</summary>
/// <param name="Id">Link id.</param>
/// <param name="Model">Heralding scheme and hardware.</param>
/// <param name="MemoryA">Memory of the first node.</param>
/// <param name="MemoryB">Memory of the second node.</param>
/// <param name="Channels">Parallel channels (memory-slot pairs) the link may use, at least 1.</param>
public sealed record LinkRunSpec(string Id, ILinkModel Model, QuantumMemory MemoryA, QuantumMemory MemoryB, int Channels = 1)
{
    /// <summary>The larger of the two end nodes' processing delays, in seconds (≥ 0): added to every herald result.</summary>
    public double ProcessingDelaySeconds { get; init => field = double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(ProcessingDelaySeconds), value, "processingDelay must be finite and at least 0."); }

    /// <summary>
    /// Every link of the scenario as a link-layer run. A node's memory slots are shared evenly by its
    /// links; a link gets as many channels as the poorer of its two ends can give it.
    /// </summary>
    /// <exception cref="InvalidOperationException">A node has fewer memory slots than links.</exception>
    public static IReadOnlyList<LinkRunSpec> Of(Scenario scenario)
    {
        var specs = new List<LinkRunSpec>(scenario.Links.Count);
        foreach (LinkSpec link in scenario.Links)
        {
            NodeSpec a = scenario.FindNode(link.NodeA)!, b = scenario.FindNode(link.NodeB)!;
            int channels = Math.Min(SlotsPerLink(scenario, a), SlotsPerLink(scenario, b));
            // A link alone attempts on its memory-slot pairs, at most on as many as it has generation channels.
            channels = Math.Min(channels, link.Channels ?? int.MaxValue);
            specs.Add(new LinkRunSpec(link.Id, LinkModelFactory.Create(link), a.Memory, b.Memory, channels)
            {
                ProcessingDelaySeconds = Math.Max(a.ProcessingDelaySeconds, b.ProcessingDelaySeconds),
            });
        }
        return specs;
    }

    private static int SlotsPerLink(Scenario scenario, NodeSpec node)
    {
        int degree = scenario.LinksOf(node.Id).Count;
        int share = node.Memory.Slots / Math.Max(1, degree);
        return share >= 1
            ? share
            : throw new InvalidOperationException($"node {node.Id} has {node.Memory.Slots} memory slot(s) but {degree} links; give it at least one slot per link.");
    }
}
