namespace QNet.Network.Links;

/// <summary>
/// Single-click heralding at a midpoint station (Cabrillo 1999; Humphreys et al. 2018). Each node
/// emits a photon with probability α (the bright-state population) entangled with its memory; a
/// click in exactly one of the two non-resolving detectors heralds. Without dark counts:
/// p = αη(2 − αη) and F = (1 − α)/(1 − αη/2), with η the arm efficiency. Dark counts add false
/// heralds: an exactly-one-dark-click window when no photon clicked. The phase of the two-node
/// interference is assumed stable (the real setup locks it).
/// </summary>
/// <param name="Hardware">Path, detectors and sources.</param>
/// <param name="BrightStatePopulation">α, the probability that a node emits (0 &lt; α ≤ 1).</param>
public sealed record SingleClickLink(OpticalLinkHardware Hardware, double BrightStatePopulation) : ILinkModel
{
    /// <summary>α, validated to lie in (0, 1].</summary>
    public double BrightStatePopulation { get; } = BrightStatePopulation is > 0 and <= 1
        ? BrightStatePopulation
        : throw new ArgumentOutOfRangeException(nameof(BrightStatePopulation), BrightStatePopulation, "brightStatePopulation must lie in (0, 1].");

    /// <inheritdoc />
    public string Scheme => "single-click";

    /// <inheritdoc />
    public LinkPhysics Derive()
    {
        double a = BrightStatePopulation, eta = Hardware.ArmEfficiency, d = Hardware.DarkCount;
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

        var path = Hardware.Path;
        var cycle = Hardware.LimitByRepetitionRate(path.OneWayDelay);
        return LinkPhysics.FromHeraldWeights(
            good + lostDark / 2, wrong / 2, wrong / 2, lostDark / 2, good + twoDetected,
            cycle, path.OneWayDelay, path.OneWayDelay, path.OneWayDelay);
    }
}
