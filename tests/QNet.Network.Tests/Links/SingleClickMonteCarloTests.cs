using QNet.Kernel;
using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Tests.Links;

/// <summary>
/// Checks the single-click bookkeeping of true and false heralds against an independent photon-level
/// Monte Carlo: sample emissions, losses and dark counts detector by detector, apply the herald rule
/// (exactly one detector clicks) and classify the resulting memory state.
/// </summary>
public class SingleClickMonteCarloTests
{
    [Theory]
    [InlineData(0.1, 0.3, 0.02)]
    [InlineData(0.3, 0.05, 0.01)]
    [InlineData(0.05, 0.01, 0.005)]
    public void Derive_WithDarkCounts_MatchesPhotonLevelSampling(double alpha, double armEfficiency, double dark)
    {
        // Arm efficiency enters through the detector efficiency on a zero-length path.
        var hw = new OpticalLinkHardware(new OpticalPath(1, new SimTime(1), 0), Detector.WithDarkCountProbability(armEfficiency, dark), PhotonSource.Ideal);
        var physics = new SingleClickLink(hw, alpha).Derive();

        var rng = new RandomStream(2024);
        const int n = 2_000_000;
        long heralds = 0;
        double fidelitySum = 0;
        for (int i = 0; i < n; i++)
        {
            bool emitA = rng.NextBernoulli(alpha), emitB = rng.NextBernoulli(alpha);
            int photons = (emitA ? 1 : 0) + (emitB ? 1 : 0);
            // After the beam splitter one photon picks a detector at random; two photons bunch (HOM) into one.
            int port = rng.NextInt(2);
            bool detected = photons switch
            {
                0 => false,
                1 => rng.NextBernoulli(armEfficiency),
                _ => rng.NextBernoulli(armEfficiency) | rng.NextBernoulli(armEfficiency),
            };
            bool click0 = (detected && port == 0) | rng.NextBernoulli(dark);
            bool click1 = (detected && port == 1) | rng.NextBernoulli(dark);
            if (click0 == click1)
            {
                continue;
            }
            heralds++;
            // Fidelity to the target of each case: entangled 1, lost photon ½ (mixture of |01⟩,|10⟩), |00⟩ or |11⟩ 0.
            fidelitySum += photons == 1 ? (detected ? 1.0 : 0.5) : 0.0;
        }

        double p = heralds / (double)n;
        double seP = Math.Sqrt(physics.SuccessProbability * (1 - physics.SuccessProbability) / n);
        Assert.InRange(p, physics.SuccessProbability - 5 * seP, physics.SuccessProbability + 5 * seP);
        double f = fidelitySum / heralds;
        // Per-herald fidelity lies in [0, 1]: its standard error is at most 0.5/√heralds.
        double seF = 0.5 / Math.Sqrt(heralds);
        Assert.InRange(f, physics.HeraldedState.Fidelity - 5 * seF, physics.HeraldedState.Fidelity + 5 * seF);
    }
}
