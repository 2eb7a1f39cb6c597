namespace QNet.Network.Links;

/// <summary>
/// Double-click (Barrett–Kok 2005) heralding at a midpoint station: each node emits one photon
/// entangled with its memory in each of two rounds (with a π flip between them); exactly one click
/// in each round heralds. With ideal components p = η²/2 and F = 1, η the arm efficiency.
/// Dark counts add false heralds: a lost photon replaced by a dark click in its round.
/// </summary>
/// <param name="Hardware">Path, detectors and sources.</param>
public sealed record DoubleClickLink(OpticalLinkHardware Hardware) : ILinkModel
{
    /// <inheritdoc />
    public string Scheme => "double-click";

    /// <inheritdoc />
    public LinkPhysics Derive()
    {
        double eta = Hardware.ArmEfficiency, d = Hardware.DarkCount;
        double quiet = 1 - d;
        double oneDark = 2 * d * (1 - d);
        double lost = 1 - eta;

        // Half of the amplitude puts one photon in each round (the entangling part) ...
        double good = 0.5 * eta * eta * quiet * quiet;
        double spoiledCorrelated = 0.5 * (2 * eta * lost * quiet * oneDark + lost * lost * oneDark * oneDark);
        // ... the other half puts both photons in the same round; only dark counts fill the other round.
        double sameRound = 0.5 * ((1 - lost * lost) * quiet * oneDark + lost * lost * oneDark * oneDark);

        var path = Hardware.Path;
        var cycle = Hardware.LimitByRepetitionRate(path.OneWayDelay);
        return LinkPhysics.FromHeraldWeights(
            good + spoiledCorrelated / 2, sameRound / 2, sameRound / 2, spoiledCorrelated / 2, good,
            cycle, path.OneWayDelay, path.OneWayDelay, path.OneWayDelay);
    }
}
