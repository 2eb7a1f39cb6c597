using QNet.Kernel;
using QNet.Network.Links;
using QNet.Network.Scenarios;
using QNet.Physics.Hardware;

namespace QNet.Network.Simulation;

/// <summary>Turns scenario links into link models and link-layer run specs.</summary>
public static class LinkModelFactory
{
    /// <summary>The heralding model a scenario link describes.</summary>
    public static ILinkModel Create(LinkSpec link)
    {
        if (link.Heralding == HeraldingScheme.Probabilistic)
        {
            ProbabilisticLinkSpec p = link.Probabilistic
                ?? throw new InvalidOperationException($"link {link.Id}: a probabilistic link needs successProbability, attemptDuration and fidelity.");
            OpticalPath? path = link.LengthMetres is null ? null : PathOf(link);
            return new ProbabilisticLink(p.SuccessProbability, SimTime.FromSeconds(p.AttemptDurationSeconds), p.Fidelity, path);
        }

        var hardware = new OpticalLinkHardware(PathOf(link), link.Detector ?? new Detector(), link.Source ?? PhotonSource.Ideal);
        return link.Heralding switch
        {
            HeraldingScheme.SingleClick => new SingleClickLink(hardware, link.BrightStatePopulation
                ?? throw new InvalidOperationException($"link {link.Id}: single-click heralding needs brightStatePopulation.")),
            HeraldingScheme.DoubleClick => new DoubleClickLink(hardware),
            HeraldingScheme.Direct => new DirectTransmissionLink(hardware),
            HeraldingScheme.MidpointSource => new MidpointSourceLink(hardware),
            _ => throw new InvalidOperationException($"link {link.Id}: unknown heralding scheme {link.Heralding}."),
        };
    }

    /// <summary>The optical path of a link (fiber or free space).</summary>
    public static OpticalPath PathOf(LinkSpec link) =>
        link.Medium == LinkMedium.FreeSpace ? OpticalPath.Of(link.ToFreeSpaceChannel()) : OpticalPath.Of(link.ToFiberChannel());

    /// <summary>
    /// Every link of the scenario as a link-layer run. A node's memory slots are shared evenly by its
    /// links; a link gets as many channels as the poorer of its two ends can give it.
    /// </summary>
    /// <exception cref="InvalidOperationException">A node has fewer memory slots than links.</exception>
    public static IReadOnlyList<LinkRunSpec> LinkLayer(Scenario scenario)
    {
        var specs = new List<LinkRunSpec>(scenario.Links.Count);
        foreach (LinkSpec link in scenario.Links)
        {
            NodeSpec a = scenario.FindNode(link.NodeA)!, b = scenario.FindNode(link.NodeB)!;
            int channels = Math.Min(SlotsPerLink(scenario, a), SlotsPerLink(scenario, b));
            specs.Add(new LinkRunSpec(link.Id, Create(link), a.Memory, b.Memory, channels));
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
