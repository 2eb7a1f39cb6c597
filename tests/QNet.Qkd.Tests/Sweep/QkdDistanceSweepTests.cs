using QNet.Qkd.Bb84;
using QNet.Qkd.Bbm92;
using QNet.Qkd.PostProcessing;
using QNet.Qkd.Sweep;

namespace QNet.Qkd.Tests.Sweep;

public class QkdDistanceSweepTests
{
    private static QkdSweepSettings Settings(QkdProtocol protocol, int bits) => new(
        protocol, QkdTestLinks.Gys(0), [0, 20_000, 40_000, 150_000, 300_000],
        new DecoyBb84Parameters(), new Bbm92Parameters(), new PostProcessingOptions(), bits, 1, 77);

    [Theory]
    [InlineData(QkdProtocol.Bb84Decoy)]
    [InlineData(QkdProtocol.Bbm92)]
    public void Run_EveryDistance_SimulatedRateBelowAsymptoticAndPlob(QkdProtocol protocol)
    {
        // Blocks large enough for a finite key at 0 km: 1 Mbit sifted for BB84, 400 kbit for BBM92.
        var result = QkdDistanceSweep.Run(Settings(protocol, protocol == QkdProtocol.Bb84Decoy ? 1_000_000 : 400_000));
        Assert.Equal(5, result.Points.Count);
        foreach (var p in result.Points)
        {
            Assert.True(p.SecretKeyRateBitsPerPulse <= p.AsymptoticKeyRateBitsPerPulse, $"{p.DistanceKm} km: {p.SecretKeyRateBitsPerPulse} > asymptotic {p.AsymptoticKeyRateBitsPerPulse}");
            Assert.True(p.SecretKeyRateBitsPerPulse < p.PlobBoundBitsPerPulse, $"{p.DistanceKm} km above the PLOB bound");
            Assert.Equal(p.SecretKeyRateBitsPerPulse * 2e6, p.SecretKeyRateBitsPerSecond, 9);
        }
        // Short links give key with these blocks; 300 km gives none; the reported maximum is the longest distance with key.
        Assert.True(result.Points[0].SecretBits > 0, "no key at 0 km");
        Assert.Equal(0, result.Points[4].SecretBits);
        Assert.Equal(result.Points.Where(p => p.SecretBits > 0).Max(p => p.DistanceKm), result.MaxDistanceKm);
    }

    [Fact]
    public void Run_OneThreadOrMany_SameResults()
    {
        var settings = Settings(QkdProtocol.Bb84Decoy, 50_000);
        var one = QkdDistanceSweep.Run(settings, maxDegreeOfParallelism: 1);
        var many = QkdDistanceSweep.Run(settings, maxDegreeOfParallelism: 4);
        Assert.Equal(one.Points, many.Points);
    }
}
