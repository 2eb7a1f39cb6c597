using QNet.Kernel;
using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Scenarios;

/// <summary>
/// Turns scenario links into link models. It sits with the scenario model (above the link models, which know nothing
/// of files) so that the loader can build every link the way the simulator will and refuse what it would refuse.
/// </summary>
public static class LinkModelFactory
{
    /// <summary>The heralding model a scenario link describes (with <c>fidelityAt: herald</c>, its fidelity holds at the herald).</summary>
    public static ILinkModel Create(LinkSpec link)
    {
        ILinkModel model = CreateScheme(link);
        return link.FidelityAt == FidelityPoint.Herald ? new HeraldFidelityLink(model) : model;
    }

    private static ILinkModel CreateScheme(LinkSpec link)
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
                ?? throw new InvalidOperationException($"link {link.Id}: single-click heralding needs brightStatePopulation."))
            {
                Visibility = link.Visibility,
            },
            HeraldingScheme.DoubleClick => new DoubleClickLink(hardware) { Visibility = link.Visibility },
            HeraldingScheme.Direct => new DirectTransmissionLink(hardware),
            HeraldingScheme.MidpointSource => new MidpointSourceLink(hardware),
            _ => throw new InvalidOperationException($"link {link.Id}: unknown heralding scheme {link.Heralding}."),
        };
    }

    /// <summary>The optical path of a link (fiber or free space).</summary>
    public static OpticalPath PathOf(LinkSpec link) =>
        link.Medium == LinkMedium.FreeSpace ? OpticalPath.Of(link.ToFreeSpaceChannel()) : OpticalPath.Of(link.ToFiberChannel());
}
