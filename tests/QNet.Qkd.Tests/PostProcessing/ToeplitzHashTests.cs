using QNet.Kernel;
using QNet.Qkd.PostProcessing;

namespace QNet.Qkd.Tests.PostProcessing;

public class ToeplitzHashTests
{
    private static byte[] Bits(int n, RandomStream random)
    {
        var b = new byte[n];
        for (int i = 0; i < n; i++)
        {
            b[i] = (byte)(random.NextUInt64() >> 63);
        }
        return b;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(64, 64)]
    [InlineData(257, 100)]
    [InlineData(1000, 333)]
    [InlineData(4099, 2000)]
    public void Compute_SmallInputs_EqualsNaiveProduct(int n, int l)
    {
        var random = new RandomStream((ulong)(n * 31 + l));
        byte[] x = Bits(n, random);
        byte[] seed = Bits(n + l - 1, random);
        Assert.Equal(ToeplitzHash.ComputeNaive(x, seed, l), ToeplitzHash.Compute(x, seed, l));
    }

    [Fact]
    public void Compute_AllOnes_ExactParityOfWindowSums()
    {
        // With x and t all ones, every output bit is the parity of n ones: exact integer sums of
        // n = 100 001 reach far above any float rounding trouble but stay below the NTT prime.
        const int n = 100_001;
        var x = Enumerable.Repeat((byte)1, n).ToArray();
        var seed = Enumerable.Repeat((byte)1, n + 99).ToArray();
        Assert.All(ToeplitzHash.Compute(x, seed, 100), b => Assert.Equal(1, b));
    }

    [Fact]
    public void Compute_WrongSeedLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => ToeplitzHash.Compute(new byte[10], new byte[10], 5));
    }
}
