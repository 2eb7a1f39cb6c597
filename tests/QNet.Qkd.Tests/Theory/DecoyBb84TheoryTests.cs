using QNet.Qkd.Bb84;
using QNet.Qkd.Theory;

namespace QNet.Qkd.Tests.Theory;

public class DecoyBb84TheoryTests
{
    [Fact]
    public void BinaryEntropy_KnownValues()
    {
        Assert.Equal(1, BinaryEntropy.Of(0.5), 12);
        Assert.Equal(0, BinaryEntropy.Of(0), 12);
        Assert.Equal(0.4689955935892812, BinaryEntropy.Of(0.1), 12);
        // BB84 secret fraction 1 − 2h(Q) vanishes at Q ≈ 11.0 %.
        Assert.True(1 - 2 * BinaryEntropy.Of(0.109) > 0);
        Assert.True(1 - 2 * BinaryEntropy.Of(0.111) < 0);
    }

    [Fact]
    public void ReferenceRate_GysLink_PositiveUpToAbout140KmThenZero()
    {
        // Lo–Ma–Chen's GYS example (μ optimal ≈ 0.48, f = 1.22, q = 1/2) keeps a positive key to
        // roughly 140 km; the exact cut-off of this formula lies between 130 and 160 km.
        double Rate(double km)
        {
            var link = QkdTestLinks.Gys(km);
            return DecoyBb84Theory.ReferenceRate(link.Transmittance, 0.48, link.VacuumYield, link.Misalignment, 1.22, 0.5);
        }
        Assert.True(Rate(0) > 1e-3);
        Assert.True(Rate(130) > 0);
        Assert.Equal(0, Rate(160));
    }

    [Fact]
    public void Gain_ReferenceFormula()
    {
        Assert.Equal(1.7e-6 + 1 - Math.Exp(-0.01 * 0.48), DecoyBb84Theory.Gain(0.01, 0.48, 1.7e-6), 15);
        double e = (0.5 * 1.7e-6 + 0.033 * (1 - Math.Exp(-0.0048))) / (1.7e-6 + 1 - Math.Exp(-0.0048));
        Assert.Equal(e, DecoyBb84Theory.ErrorRate(0.01, 0.48, 1.7e-6, 0.033), 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(50.0)]
    [InlineData(100.0)]
    [InlineData(150.0)]
    [InlineData(200.0)]
    public void Rates_EveryDistance_OrderedBelowPlob(double km)
    {
        var link = QkdTestLinks.Gys(km);
        var protocol = new DecoyBb84Parameters();
        double infinite = DecoyBb84Theory.AsymptoticRate(protocol, link);
        double practical = DecoyBb84Theory.VacuumWeakDecoyRate(protocol, link);
        Assert.True(practical <= infinite + 1e-18);
        Assert.True(infinite < PlobBound.BitsPerUse(link.ChannelTransmittance));
    }

    [Fact]
    public void VacuumPlusWeakDecoy_ExactGains_BoundsHoldAndAreTight()
    {
        var link = QkdTestLinks.Gys(50);
        double eta = link.Transmittance, y0 = link.VacuumYield, ed = link.Misalignment;
        var b = DecoyStateBounds.VacuumPlusWeakDecoy(0.48, 0.05,
            DecoyBb84Theory.Gain(eta, 0.48, y0), DecoyBb84Theory.ErrorRate(eta, 0.48, y0, ed),
            DecoyBb84Theory.Gain(eta, 0.05, y0), DecoyBb84Theory.ErrorRate(eta, 0.05, y0, ed), y0);
        double y1 = DecoyBb84Theory.SinglePhotonYield(eta, y0);
        double e1 = DecoyBb84Theory.SinglePhotonErrorRate(eta, y0, ed);
        Assert.InRange(b.SinglePhotonYield, 0.9 * y1, y1);
        Assert.InRange(b.SinglePhotonErrorRate, e1, 1.2 * e1);
    }

    [Fact]
    public void PlobBound_KnownValues()
    {
        Assert.Equal(1, PlobBound.BitsPerUse(0.5), 12);
        Assert.Equal(0, PlobBound.BitsPerUse(0), 12);
        // Small η: −log2(1−η) ≈ 1.44η.
        Assert.InRange(PlobBound.BitsPerUse(1e-6), 1e-6 / Math.Log(2), 1e-6 / Math.Log(2) * (1 + 1e-6));
    }
}
