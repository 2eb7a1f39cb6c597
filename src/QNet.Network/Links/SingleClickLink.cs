namespace QNet.Network.Links;

/// <summary>
/// Single-click heralding at a midpoint station (Cabrillo 1999; Humphreys et al. 2018). Each node
/// emits a photon with probability α (the bright-state population) entangled with its memory; a
/// click in exactly one of the two non-resolving detectors heralds. Without dark counts:
/// p = αη(2 − αη) and F = (1 − α)/(1 − αη/2), with η the arm efficiency. Dark counts add false
/// heralds: an exactly-one-dark-click window when no photon clicked. The phase of the two-node
/// interference is assumed stable (the real setup locks it). The visibility V of the two nodes' photons
/// and the detectors' misalignment e_d scale the coherence of a true herald by √V(1 − 2e_d)
/// (<see cref="HeraldCoherence"/>); a detector dead time lowers η to η/(1 + Rτ) (<see cref="OpticalLinkHardware.Saturated"/>).
/// </summary>
/// <param name="Hardware">Path, detectors and sources.</param>
/// <param name="BrightStatePopulation">α, the probability that a node emits (0 &lt; α ≤ 1).</param>
public sealed record SingleClickLink(OpticalLinkHardware Hardware, double BrightStatePopulation) : ILinkModel
{
    /// <summary>α, validated to lie in (0, 1].</summary>
    public double BrightStatePopulation { get; } = BrightStatePopulation is > 0 and <= 1
        ? BrightStatePopulation
        : throw new ArgumentOutOfRangeException(nameof(BrightStatePopulation), BrightStatePopulation, "brightStatePopulation must lie in (0, 1].");

    /// <summary>Two-photon interference visibility V of the two nodes' photons, 0..1 (default 1).</summary>
    public double Visibility { get; init => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Visibility), value, "visibility must lie between 0 and 1."); } = 1;

    /// <inheritdoc />
    public string Scheme => "single-click";

    /// <inheritdoc />
    public LinkPhysics Derive()
    {
        var cycle = Hardware.LimitByRepetitionRate(Hardware.Path.OneWayDelay);
        // Each node sends a photon with probability α; the station's two detectors share them.
        var hardware = Hardware.Saturated(2 * BrightStatePopulation * Hardware.Source.Efficiency * Hardware.Path.ArmTransmittance / 2, cycle);
        double a = BrightStatePopulation, eta = hardware.ArmEfficiency, d = hardware.DarkCount;
        double quiet = 1 - d;              // the detector without a photon stays dark
        double oneDark = 2 * d * (1 - d);  // exactly one of the two detectors dark-clicks
        double onePhoton = 2 * a * (1 - a);
        double twoPhotons = a * a;
        double none = (1 - a) * (1 - a);

        // One photon emitted and detected: the entangled state (corrected to Φ+).
        double good = onePhoton * eta * quiet;
        // One photon emitted but lost, a dark click heralds: ½(|01⟩⟨01| + |10⟩⟨10|) → ½Φ+ + ½Φ−.
        double lostDark = onePhoton * (1 - eta) * oneDark;
        // Both or no nodes emitted: |11⟩ or |00⟩, which the correction maps onto ½Ψ+ + ½Ψ−.
        double twoDetected = twoPhotons * (1 - (1 - eta) * (1 - eta)) * quiet;
        double wrong = twoDetected + twoPhotons * (1 - eta) * (1 - eta) * oneDark + none * oneDark;

        (double coherent, double flipped) = HeraldCoherence.Split(good, HeraldCoherence.Of(1, Visibility, hardware.Detector.Misalignment));

        var path = Hardware.Path;
        return LinkPhysics.FromHeraldWeights(
            coherent + lostDark / 2, wrong / 2, wrong / 2, lostDark / 2 + flipped, good + twoDetected,
            cycle, path.OneWayDelay, path.OneWayDelay, path.OneWayDelay);
    }
}
