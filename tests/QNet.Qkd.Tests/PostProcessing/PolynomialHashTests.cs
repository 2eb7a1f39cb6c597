using QNet.Kernel;
using QNet.Qkd.PostProcessing;

namespace QNet.Qkd.Tests.PostProcessing;

public class PolynomialHashTests
{
    [Fact]
    public void Tag_OneBitFlippedAnywhere_TagDiffers()
    {
        // A deliberately corrupted block: flipping any single bit changes the tag (a collision
        // would need the evaluation point to be a root of the difference polynomial, probability
        // ≤ L/P ≈ 1e-15 per flip here).
        var random = new RandomStream(99);
        var key = new byte[10_000];
        for (int i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(random.NextUInt64() >> 63);
        }
        ulong[] points = [random.NextUInt64(), random.NextUInt64()];
        ulong[] reference = PolynomialHash.Tag(key, points);
        for (int i = 0; i < key.Length; i += 37)
        {
            key[i] ^= 1;
            Assert.NotEqual(reference, PolynomialHash.Tag(key, points));
            key[i] ^= 1;
        }
        Assert.Equal(reference, PolynomialHash.Tag(key, points));
    }

    [Fact]
    public void CollisionProbability_MegabitKey_BelowTypicalEpsilonCorrectness()
    {
        Assert.True(PolynomialHash.CollisionProbability(1_000_000) < 1e-15);
        Assert.Equal(Math.Pow(31250.0 / PolynomialHash.Prime, 2), PolynomialHash.CollisionProbability(1_000_000), 1e-40);
    }
}
