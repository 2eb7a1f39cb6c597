using QNet.Kernel;
using QNet.Qkd.Bb84;
using QNet.Qkd.Theory;

namespace QNet.Qkd.Tests.Bb84;

/// <summary>Background light on Bob's detectors (fault F5) reaches QKD as vacuum yield and raises the QBER.</summary>
public sealed class DecoyBb84BackgroundTests
{
    [Fact]
    public void Run_BackgroundOnBobsDetectors_QberRisesAsTheClosedFormSays()
    {
        var clean = QkdTestLinks.Gys(50);
        var lit = new QkdLink(clean.Fiber, clean.Detector with { BackgroundRateHz = 2e5 });
        var protocol = new DecoyBb84Parameters(ZBasisProbability: 0.5);

        // Y0 = 1 − (1 − Y0_dark)·e^{−background·window}: 2×10⁵ Hz in a 1 ns window adds about 2×10⁻⁴.
        Assert.Equal(1 - (1 - 1.7e-6) * Math.Exp(-2e5 * 1e-9), lit.VacuumYield, 15);

        double observedClean = SignalQber(clean, protocol, 11, out double seClean);
        double observedLit = SignalQber(lit, protocol, 11, out double seLit);
        // E_μ = (Y0/2 + e_d(1 − e^{−ημ}))/Q_μ (Lo, Ma and Chen 2005), each within 5 standard errors.
        double expectedLit = DecoyBb84Theory.ErrorRate(lit.Transmittance, protocol.Intensity(0), lit.VacuumYield, lit.Misalignment);
        double expectedClean = DecoyBb84Theory.ErrorRate(clean.Transmittance, protocol.Intensity(0), clean.VacuumYield, clean.Misalignment);
        Assert.InRange(observedLit, expectedLit - 5 * seLit, expectedLit + 5 * seLit);
        Assert.InRange(observedClean, expectedClean - 5 * seClean, expectedClean + 5 * seClean);
        Assert.True(observedLit - observedClean > 5 * Math.Sqrt(seLit * seLit + seClean * seClean), $"QBER {observedClean} → {observedLit}");
    }

    /// <summary>QBER of signal pulses sifted in matching bases, with its binomial standard error.</summary>
    private static double SignalQber(QkdLink link, DecoyBb84Parameters protocol, ulong seed, out double standardError)
    {
        var records = new DecoyBb84Simulator(protocol, link, new RandomStream(seed)).Run(300_000);
        int n = 0, errors = 0;
        for (int i = 0; i < records.Count; i++)
        {
            if (records.IntensityClass[i] == 0 && records.AliceBasis[i] == records.BobBasis[i])
            {
                n++;
                errors += records.AliceBit[i] ^ records.BobBit[i];
            }
        }
        double e = (double)errors / n;
        standardError = Math.Sqrt(e * (1 - e) / n);
        return e;
    }
}
