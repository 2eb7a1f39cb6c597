using QNet.Kernel;
using QNet.Network.Qkd;
using QNet.Network.Scenarios;
using QNet.Physics.States;
using QNet.Qkd;

namespace QNet.Network.Tests.Qkd;

public class QkdSessionApplicationTests
{
    private sealed class RecordingSink : IQkdKeySink
    {
        public List<QkdKeyBlock> Blocks { get; } = [];

        public List<QkdBlockOutcome> Discards { get; } = [];

        public void Accept(QkdKeyBlock block) => Blocks.Add(block);

        public void Discarded(string initiatorId, string responderId, SimTime at, QkdBlockOutcome outcome) => Discards.Add(outcome);
    }

    private static QkdSessionApplication Create(long blockSize, IQkdKeySink sink, long nowPs = 5) =>
        new(new SessionSpec("s", "alice", "bob", SessionApplication.Qkd) { Qkd = new QkdSpec(QkdProtocol.Bbm92) { BlockSizeBits = blockSize } },
            new RandomStream(21), () => new SimTime(nowPs), sink);

    [Fact]
    public void Accept_GoodPairs_QberMatchesWeightsAndKeyBlocksReachTheSink()
    {
        // Q_Z = λX + λY = 0.02 + 0.01 (REFERENCE.md); sifted bits are Bernoulli(Q_Z): 5 standard errors.
        var state = new BellDiagonalState(0.96, 0.02, 0.01, 0.01);
        var sink = new RecordingSink();
        var app = Create(20_000, sink);
        const int pairs = 100_000;
        for (int i = 0; i < pairs; i++)
        {
            app.Accept(state);
        }
        var f = app.Figures(2.0);
        Assert.Equal(pairs, f.Pairs);
        // Both pick Z with probability 1/4: binomial, 5 standard errors.
        Assert.InRange(f.SiftedBits, pairs / 4.0 - 5 * Math.Sqrt(pairs * 0.25 * 0.75), pairs / 4.0 + 5 * Math.Sqrt(pairs * 0.25 * 0.75));
        Assert.InRange(f.Qber, 0.03 - 5 * Math.Sqrt(0.03 * 0.97 / f.SiftedBits), 0.03 + 5 * Math.Sqrt(0.03 * 0.97 / f.SiftedBits));
        Assert.Equal(0.03, f.ExpectedQber, 12);
        // One full block of 20 000 sifted bits (about 25 000 sifted in all); at 3 % it yields key.
        Assert.Equal(1, f.Blocks);
        Assert.Equal(0, f.DiscardedBlocks);
        var block = Assert.Single(sink.Blocks);
        Assert.Equal(f.SecretBits, block.LengthBits);
        Assert.Equal("alice", block.InitiatorId);
        Assert.Equal("bob", block.ResponderId);
        Assert.Equal(new SimTime(5), block.CreatedAt);
        Assert.True(f.SecretBits > 0);
        Assert.Equal(f.SecretBits / 2.0, f.SecretBitsPerSecond, 12);
        // Asymptotic: p_Z²(1 − f h(0.03) − h(0.02)) with f = 1.16 (the scenario default).
        static double H(double x) => -x * Math.Log2(x) - (1 - x) * Math.Log2(1 - x);
        Assert.Equal(0.25 * (1 - 1.16 * H(0.03) - H(0.02)), f.AsymptoticBitsPerPair, 12);
    }

    [Fact]
    public void Accept_QberAboveEleven_NoKeyAndBlocksDiscarded()
    {
        // Q_Z = Q_X = 0.13 > 11 %: no positive key rate, finite or asymptotic.
        var state = new BellDiagonalState(0.80, 0.07, 0.06, 0.07);
        var sink = new RecordingSink();
        var app = Create(10_000, sink);
        for (int i = 0; i < 100_000; i++)
        {
            app.Accept(state);
        }
        var f = app.Figures(1.0);
        Assert.Equal(0, f.SecretBits);
        Assert.Equal(0, f.Blocks);
        Assert.True(f.DiscardedBlocks >= 2, $"{f.DiscardedBlocks} discarded blocks");
        Assert.Empty(sink.Blocks);
        Assert.All(sink.Discards, o => Assert.Equal(QkdBlockOutcome.NoSecretKey, o));
        Assert.Equal(0, f.AsymptoticBitsPerPair);
    }

    [Fact]
    public void Figures_NoPairs_NaNRatesAndZeroCounts()
    {
        var f = Create(1000, new RecordingSink()).Figures(1.0);
        Assert.Equal(0, f.SiftedBits);
        Assert.True(double.IsNaN(f.Qber));
        Assert.True(double.IsNaN(f.AsymptoticBitsPerSecond));
        Assert.Equal(0, f.SecretBitsPerSecond);
    }
}
