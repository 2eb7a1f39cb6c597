using QNet.Qkd.Bb84;
using QNet.Qkd.PostProcessing;
using QNet.Qkd.Theory;
using Xunit.Abstractions;

namespace QNet.Qkd.Tests.PostProcessing;

public class FiniteKeyLengthTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(25.0)]
    [InlineData(50.0)]
    [InlineData(100.0)]
    public void Compute_GrowingBlocks_RateIncreasesTowardsAsymptotic(double km)
    {
        var protocol = new DecoyBb84Parameters();
        var link = QkdTestLinks.Gys(km);
        var (unit, unitLeak) = ExpectedCounts.For(protocol, link, 1);
        double asymptotic = FiniteKeyLength.Asymptotic(protocol, unit, unitLeak) is var a
            ? (a.VacuumEvents + a.SinglePhotonEvents * (1 - BinaryEntropy.Of(a.PhaseErrorRate)) - unitLeak)
            : 0;
        Assert.True(asymptotic > 0);
        // The protocol's asymptote lies below the infinite-decoy GLLP rate and below the PLOB bound.
        Assert.True(asymptotic <= DecoyBb84Theory.AsymptoticRate(protocol, link) * (1 + 1e-12));
        Assert.True(asymptotic < PlobBound.BitsPerUse(link.ChannelTransmittance));
        Assert.Equal(DecoyBb84Theory.VacuumWeakDecoyRate(protocol, link), asymptotic, asymptotic * 0.15);

        double previous = 0;
        foreach (double pulses in new[] { 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 })
        {
            var (counts, leak) = ExpectedCounts.For(protocol, link, pulses);
            double rate = FiniteKeyLength.Compute(protocol, counts, leak, 1e-10, 1e-15).SecretBits / pulses;
            output.WriteLine($"{km} km, N = {pulses:E0}: finite {rate:E3}, asymptotic {asymptotic:E3}, ratio {rate / asymptotic:F4}");
            Assert.True(rate >= previous, $"rate fell from {previous} to {rate} at N = {pulses}");
            Assert.True(rate <= asymptotic);
            previous = rate;
        }
        // At 10^15 pulses the fluctuation terms are down to a few per cent.
        Assert.True(previous > 0.95 * asymptotic, $"{previous} vs {asymptotic}");
    }

    [Fact]
    public void Compute_TooFewDetections_NoKey()
    {
        var protocol = new DecoyBb84Parameters();
        var (counts, leak) = ExpectedCounts.For(protocol, QkdTestLinks.Gys(100), 1e7);
        Assert.Equal(0, FiniteKeyLength.Compute(protocol, counts, leak, 1e-10, 1e-15).SecretBits);
    }

    [Fact]
    public void Tau_OnePhoton_IsPoissonWeightedByClassProbabilities()
    {
        var p = new DecoyBb84Parameters(0.48, 0.05, 0, 0.7, 0.2);
        double expected = 0.7 * 0.48 * Math.Exp(-0.48) + 0.2 * 0.05 * Math.Exp(-0.05);
        Assert.Equal(expected, FiniteKeyLength.Tau(p, 1), 15);
    }
}
