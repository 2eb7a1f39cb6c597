namespace QNet.Network.Links;

/// <summary>
/// Double-click (Barrett–Kok 2005) heralding at a midpoint station: each node emits one photon
/// entangled with its memory in each of two rounds (with a π flip between them); exactly one click
/// in each round heralds. With ideal components p = η²/2 and F = 1, η the arm efficiency.
/// Dark counts add false heralds: a lost photon replaced by a dark click in its round. The visibility V
/// and the misalignment e_d scale the coherence of a true herald by V(1 − 2e_d)², so ideal emitters
/// give F = (1 + V)/2 (<see cref="HeraldCoherence"/>); a detector dead time lowers η to η/(1 + Rτ).
/// </summary>
/// <param name="Hardware">Path, detectors and sources.</param>
public sealed record DoubleClickLink(OpticalLinkHardware Hardware) : ILinkModel
{
    /// <summary>Two-photon interference visibility V of the two nodes' photons, 0..1 (default 1).</summary>
    public double Visibility { get; init => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Visibility), value, "visibility must lie between 0 and 1."); } = 1;

    /// <inheritdoc />
    public string Scheme => "double-click";

    /// <inheritdoc />
    public LinkPhysics Derive()
    {
        var cycle = Hardware.LimitByRepetitionRate(Hardware.Path.OneWayDelay);
        // Each node sends one photon per attempt (half a photon in each of the two rounds); two detectors share them.
        var hardware = Hardware.Saturated(2 * Hardware.Source.Efficiency * Hardware.Path.ArmTransmittance / 2, cycle);
        double eta = hardware.ArmEfficiency, d = hardware.DarkCount;
        double quiet = 1 - d;
        double oneDark = 2 * d * (1 - d);
        double lost = 1 - eta;

        // Half of the amplitude puts one photon in each round (the entangling part) ...
        double good = 0.5 * eta * eta * quiet * quiet;
        double spoiledCorrelated = 0.5 * (2 * eta * lost * quiet * oneDark + lost * lost * oneDark * oneDark);
        // ... the other half puts both photons in the same round; only dark counts fill the other round.
        double sameRound = 0.5 * ((1 - lost * lost) * quiet * oneDark + lost * lost * oneDark * oneDark);

        (double coherent, double flipped) = HeraldCoherence.Split(good, HeraldCoherence.Of(2, Visibility, hardware.Detector.Misalignment));

        var path = Hardware.Path;
        return LinkPhysics.FromHeraldWeights(
            coherent + spoiledCorrelated / 2, sameRound / 2, sameRound / 2, spoiledCorrelated / 2 + flipped, good,
            cycle, path.OneWayDelay, path.OneWayDelay, path.OneWayDelay);
    }
}
