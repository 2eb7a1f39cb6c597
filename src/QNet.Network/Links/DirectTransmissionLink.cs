namespace QNet.Network.Links;

/// <summary>
/// Direct transmission: node A emits a photon entangled with its memory over the whole path into
/// node B's heralded memory, and B acknowledges. p = η·η_extra; attempt τ = 2L/c. A dark click at B
/// when the photon was lost heralds a pair that carries no entanglement (maximally mixed). B's herald
/// detector only registers that the photon arrived, so its misalignment does not change the pair (QKD on
/// this link reads it for the QBER). A detector dead time lowers η to η/(1 + Rτ).
/// </summary>
/// <param name="Hardware">Path, B's herald detector and A's source.</param>
public sealed record DirectTransmissionLink(OpticalLinkHardware Hardware) : ILinkModel
{
    /// <inheritdoc />
    public string Scheme => "direct";

    /// <inheritdoc />
    public LinkPhysics Derive()
    {
        var path = Hardware.Path;
        var roundTrip = path.OneWayDelay + path.OneWayDelay;
        var cycle = Hardware.LimitByRepetitionRate(roundTrip);
        var hardware = Hardware.Saturated(Hardware.Source.Efficiency * path.Transmittance, cycle);
        double eta = hardware.ExtraEfficiency * path.Transmittance;
        double d = hardware.DarkCount;
        double good = eta;
        double falseHerald = (1 - eta) * d;

        double q = falseHerald / 4;
        return LinkPhysics.FromHeraldWeights(
            good + q, q, q, q, good,
            cycle, roundTrip, roundTrip, path.OneWayDelay);
    }
}
