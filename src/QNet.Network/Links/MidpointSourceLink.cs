namespace QNet.Network.Links;

/// <summary>
/// A source of entangled photon pairs halfway between the nodes; each node stores its photon in a
/// heralded memory and the nodes confirm to each other. p = (η_extra·√η)²; attempt τ = 1.5L/c
/// (L/2 to the nodes, then L for the confirmation). A dark click standing in for a lost photon
/// heralds a maximally mixed pair. Multi-pair emission is not modelled here (ideal pair source).
/// No photons from the two nodes interfere, so a visibility does not apply; the nodes' herald
/// detectors only register that a photon arrived, so their misalignment does not change the pair.
/// A detector dead time lowers η to η/(1 + Rτ).
/// </summary>
/// <param name="Hardware">Path, the nodes' herald detectors, the pair source's collection efficiency.</param>
public sealed record MidpointSourceLink(OpticalLinkHardware Hardware) : ILinkModel
{
    /// <inheritdoc />
    public string Scheme => "midpoint-source";

    /// <inheritdoc />
    public LinkPhysics Derive()
    {
        var path = Hardware.Path;
        var latency = path.ArmDelay + path.OneWayDelay;
        var cycle = Hardware.LimitByRepetitionRate(latency);
        // Each node's herald detector receives its half of the pair.
        var hardware = Hardware.Saturated(Hardware.Source.Efficiency * path.ArmTransmittance, cycle);
        double eta = hardware.ArmEfficiency, d = hardware.DarkCount;
        double good = eta * eta;
        double falseHerald = 2 * eta * (1 - eta) * d + (1 - eta) * (1 - eta) * d * d;

        double q = falseHerald / 4;
        return LinkPhysics.FromHeraldWeights(
            good + q, q, q, q, good,
            cycle, latency, path.OneWayDelay, path.OneWayDelay);
    }
}
