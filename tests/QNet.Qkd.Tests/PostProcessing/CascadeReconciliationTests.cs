using QNet.Kernel;
using QNet.Qkd.PostProcessing.Cascade;
using QNet.Qkd.Theory;
using Xunit.Abstractions;

namespace QNet.Qkd.Tests.PostProcessing;

public class CascadeReconciliationTests(ITestOutputHelper output)
{
    internal static (byte[] Alice, byte[] Bob, int Errors) NoisyPair(int length, double qber, ulong seed)
    {
        var random = new RandomStream(seed);
        var alice = new byte[length];
        var bob = new byte[length];
        int errors = 0;
        for (int i = 0; i < length; i++)
        {
            alice[i] = (byte)(random.NextUInt64() >> 63);
            bool flip = random.NextBernoulli(qber);
            errors += flip ? 1 : 0;
            bob[i] = (byte)(alice[i] ^ (flip ? 1 : 0));
        }
        return (alice, bob, errors);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.02)]
    [InlineData(0.05)]
    [InlineData(0.08)]
    [InlineData(0.11)]
    public void Reconcile_RandomErrorsUpTo11Percent_KeysEqual(double qber)
    {
        // 100 000-bit blocks, 5 seeds each: every block must end identical to Alice's.
        for (ulong seed = 1; seed <= 5; seed++)
        {
            var (alice, bob, errors) = NoisyPair(100_000, qber, seed);
            var outcome = CascadeReconciliation.Reconcile(alice, bob, qber, seed * 977);
            Assert.Equal(alice, bob);
            Assert.Equal(errors, outcome.CorrectedBits);
        }
    }

    [Fact]
    public void Reconcile_TwoPercentOnMegabitBlocks_EfficiencyBelow1Point2()
    {
        // 1 Mbit blocks at 2 % QBER, 3 seeds; f = leaked/(n·h(Q)) with Q the realised error rate.
        // Cascade's leak has a spread of about 1 % at this size, so the bound holds with margin.
        const int n = 1_000_000;
        for (ulong seed = 11; seed <= 13; seed++)
        {
            var (alice, bob, errors) = NoisyPair(n, 0.02, seed);
            var outcome = CascadeReconciliation.Reconcile(alice, bob, 0.02, seed);
            double f = outcome.Efficiency(n, (double)errors / n);
            output.WriteLine($"seed {seed}: leaked {outcome.LeakedBits}, messages {outcome.Messages}, f {f:F4}");
            Assert.Equal(alice, bob);
            Assert.True(f < 1.2, $"f = {f}");
            Assert.True(f > 1.0, $"f = {f} would beat the Shannon limit: the leak is miscounted");
        }
    }

    [Fact]
    public void Reconcile_NoErrors_LeaksOnlyBlockParities()
    {
        var (alice, bob, _) = NoisyPair(10_000, 0, 3);
        var outcome = CascadeReconciliation.Reconcile(alice, bob, 0.02, 5);
        long expected = outcome.BlockSizes.Sum(size => (10_000 + size - 1) / size);
        Assert.Equal(expected, outcome.LeakedBits);
        Assert.Equal(0, outcome.CorrectedBits);
        Assert.Equal(0, BinaryEntropy.Of(0));
    }
}
