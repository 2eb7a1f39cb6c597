using QNet.Kernel;
using QNet.Qkd.Bb84;
using QNet.Qkd.Theory;

namespace QNet.Qkd.Tests.Bb84;

public class DecoyBb84SimulatorTests
{
    // The simulator's model differs from the reference closed forms only at second order in ημ and
    // Y0 (Q = 1 − (1−Y0)e^{−ημ} against Y0 + 1 − e^{−ημ}; double clicks halve the error of the
    // both-detector term): at most 1e-4 relative here, far below one standard error of the samples.

    [Theory]
    [InlineData(0.0)]
    [InlineData(50.0)]
    [InlineData(120.0)]
    public void Run_GainPerIntensity_MatchesClosedFormWithin5StandardErrors(double km)
    {
        var link = QkdTestLinks.Gys(km);
        var protocol = new DecoyBb84Parameters();
        var sim = new DecoyBb84Simulator(protocol, link, new RandomStream(2024).Derive(km.ToString()));
        const int clicks = 300_000;
        var records = sim.Run(clicks);

        // Overall click probability per pulse: the number of pulses N needed for C clicks is a sum
        // of C geometric gaps, so C/N has relative standard error √((1−p)/C).
        double expected = 0;
        for (int k = 0; k < 3; k++)
        {
            expected += protocol.Probability(k) * DecoyBb84Theory.Gain(link.Transmittance, protocol.Intensity(k), link.VacuumYield);
        }
        double measured = (double)records.Count / records.PulsesSent;
        Assert.InRange(measured, expected * (1 - 5 * Math.Sqrt((1 - expected) / clicks)), expected * (1 + 5 * Math.Sqrt((1 - expected) / clicks)));

        // Share of each intensity class among the clicks: pk·Q_k / Σ p·Q, multinomial (5 SE each).
        for (int k = 0; k < 3; k++)
        {
            double share = protocol.Probability(k) * DecoyBb84Theory.Gain(link.Transmittance, protocol.Intensity(k), link.VacuumYield) / expected;
            double observed = records.IntensityClass.Count(c => c == k) / (double)clicks;
            double se = Math.Sqrt(share * (1 - share) / clicks);
            Assert.InRange(observed, share - 5 * se, share + 5 * se);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(50.0)]
    [InlineData(120.0)]
    public void Run_ErrorRatePerIntensityAndBasis_MatchesClosedFormWithin5StandardErrors(double km)
    {
        var link = QkdTestLinks.Gys(km);
        var protocol = new DecoyBb84Parameters(ZBasisProbability: 0.5);
        var sim = new DecoyBb84Simulator(protocol, link, new RandomStream(77).Derive(km.ToString()));
        var records = sim.Run(400_000);
        for (int basis = 0; basis < 2; basis++)
        {
            for (int k = 0; k < 3; k++)
            {
                int n = 0, errors = 0;
                for (int i = 0; i < records.Count; i++)
                {
                    if (records.IntensityClass[i] == k && records.AliceBasis[i] == basis && records.BobBasis[i] == basis)
                    {
                        n++;
                        errors += records.AliceBit[i] ^ records.BobBit[i];
                    }
                }
                double e = DecoyBb84Theory.ErrorRate(link.Transmittance, protocol.Intensity(k), link.VacuumYield, link.Misalignment);
                double se = Math.Sqrt(e * (1 - e) / n);
                Assert.InRange((double)errors / n, e - 5 * se, e + 5 * se);
            }
        }
    }

    [Fact]
    public void Run_MismatchedBases_BitsUncorrelated()
    {
        var link = QkdTestLinks.Gys(10);
        var sim = new DecoyBb84Simulator(new DecoyBb84Parameters(ZBasisProbability: 0.5), link, new RandomStream(5));
        var records = sim.Run(200_000);
        int n = 0, agree = 0;
        for (int i = 0; i < records.Count; i++)
        {
            if (records.AliceBasis[i] != records.BobBasis[i])
            {
                n++;
                agree += 1 - (records.AliceBit[i] ^ records.BobBit[i]);
            }
        }
        double se = Math.Sqrt(0.25 / n);
        Assert.InRange((double)agree / n, 0.5 - 5 * se, 0.5 + 5 * se);
    }

    [Fact]
    public void Run_WithAfterpulsing_ClickAfterClickAtAfterpulseRate()
    {
        // P(click in window n+1 | click in n) = 1 − (1 − p_ap)·(1 − p) for one clicked detector,
        // p the ordinary click probability; double clicks (rate ~Y0·p) are negligible. 5 SE.
        const double ap = 0.05;
        var link = QkdTestLinks.Gys(25);
        var protocol = new DecoyBb84Parameters(AfterpulseProbability: ap);
        var sim = new DecoyBb84Simulator(protocol, link, new RandomStream(31));
        var records = sim.Run(300_000);
        int follows = 0;
        for (int i = 1; i < records.Count; i++)
        {
            follows += records.PulseIndex[i] == records.PulseIndex[i - 1] + 1 ? 1 : 0;
        }
        double expected = 1 - (1 - ap) * (1 - sim.ClickProbability);
        double se = Math.Sqrt(expected * (1 - expected) / records.Count);
        Assert.InRange((double)follows / (records.Count - 1), expected - 5 * se, expected + 5 * se);
    }

    [Fact]
    public void Run_SameSeed_SameRecords()
    {
        var link = QkdTestLinks.Gys(40);
        var a = new DecoyBb84Simulator(new DecoyBb84Parameters(), link, new RandomStream(9)).Run(1000);
        var b = new DecoyBb84Simulator(new DecoyBb84Parameters(), link, new RandomStream(9)).Run(1000);
        Assert.Equal(a.PulseIndex, b.PulseIndex);
        Assert.Equal(a.BobBit, b.BobBit);
    }
}
