using QNet.Kernel;
using QNet.Network.Links;
using QNet.Network.Simulation;
using QNet.Physics.Hardware;

namespace QNet.Network.Tests.Links;

public class HeraldedLinkTests
{
    private static readonly QuantumMemory Memory = new(1, 10, 1);

    private static LinkRunSpec FiftyKm(int channels = 1) => new(
        "alice-bob",
        new SingleClickLink(new OpticalLinkHardware(OpticalPath.Of(new FiberChannel(50_000, 0.2)), new Detector(), PhotonSource.Ideal), 0.1),
        Memory, Memory, channels);

    [Theory]
    [InlineData(LinkEngine.AttemptSkipping)]
    [InlineData(LinkEngine.PerAttempt)]
    public void Run_SingleClick50Km_RateAndSuccessProbabilityMatchModel(LinkEngine engine)
    {
        var result = LinkLayerRun.Run([FiftyKm()], seed: 7, SimTime.FromSeconds(60), engine);
        LinkReport link = result.Links[0];
        double p = link.ExpectedSuccessProbability;
        // Attempts are Bernoulli(p): the success fraction has standard error √(p(1−p)/attempts).
        double se = Math.Sqrt(p * (1 - p) / link.Attempts);
        Assert.InRange(link.SuccessProbability, p - 5 * se, p + 5 * se);
        // 60 s of 250 µs attempts: all 240,000 outcomes known (the last herald lands exactly at the end).
        Assert.InRange(link.Attempts, 239_999, 240_000);
        double ratePerSecondSe = Math.Sqrt(link.Attempts * p * (1 - p)) / 60;
        Assert.InRange(link.PairsPerSecond, link.ExpectedPairsPerSecond - 5 * ratePerSecondSe, link.ExpectedPairsPerSecond + 5 * ratePerSecondSe);
        Assert.Equal(250e-6, link.MeanHeraldingLatencySeconds, 12);
    }

    [Fact]
    public void Engines_SameLink_AgreeWithinStatisticalError()
    {
        var skip = LinkLayerRun.Run([FiftyKm(4)], 11, SimTime.FromSeconds(30), LinkEngine.AttemptSkipping).Links[0];
        var each = LinkLayerRun.Run([FiftyKm(4)], 12, SimTime.FromSeconds(30), LinkEngine.PerAttempt).Links[0];
        // Two independent binomial counts: the difference has standard error √(var1 + var2).
        double p = skip.ExpectedSuccessProbability;
        double se = Math.Sqrt(skip.Attempts * p * (1 - p) + each.Attempts * p * (1 - p));
        Assert.InRange(skip.Pairs - each.Pairs, -5 * se, 5 * se);
        Assert.Equal(skip.MeanFidelity, each.MeanFidelity, 12);
    }

    [Fact]
    public void Run_FourChannels_MultipliesRate()
    {
        var one = LinkLayerRun.Run([FiftyKm(1)], 3, SimTime.FromSeconds(20)).Links[0];
        var four = LinkLayerRun.Run([FiftyKm(4)], 3, SimTime.FromSeconds(20)).Links[0];
        Assert.Equal(4 * one.ExpectedPairsPerSecond, four.ExpectedPairsPerSecond, 9);
        double se = Math.Sqrt(four.Attempts * four.ExpectedSuccessProbability) / 20;
        Assert.InRange(four.PairsPerSecond, four.ExpectedPairsPerSecond - 5 * se, four.ExpectedPairsPerSecond + 5 * se);
    }

    [Fact]
    public void Run_MemoryDephasesDuringHerald_FidelityFollowsT2Formula()
    {
        // A perfect pair whose two halves each wait the herald latency t in memories with T2 only:
        // each half dephases with Z probability (1 − e^{−t/T2})/2, so F = (1 + e^{−2t/T2})/2.
        var memory = new QuantumMemory(1, double.PositiveInfinity, 0.01);
        var path = OpticalPath.Of(new FiberChannel(100_000));
        var spec = new LinkRunSpec("l", new ProbabilisticLink(0.5, SimTime.FromMicroseconds(10), 1.0, path), memory, memory);
        var link = LinkLayerRun.Run([spec], 1, SimTime.FromSeconds(1)).Links[0];
        double t = 10e-6 + 100_000 / 2e8;
        Assert.Equal((1 + Math.Exp(-2 * t / 0.01)) / 2, link.MeanFidelity, 12);
        Assert.Equal(link.ExpectedFidelity, link.MeanFidelity, 12);
    }

    [Fact]
    public void Run_SameSeed_SameResultAlsoInParallel()
    {
        var a = LinkLayerRun.Run([FiftyKm(2)], 99, SimTime.FromSeconds(5));
        var results = new RunResult[4];
        Parallel.For(0, 4, i => results[i] = LinkLayerRun.Run([FiftyKm(2)], 99, SimTime.FromSeconds(5)));
        foreach (var r in results)
        {
            Assert.Equal(a.Links[0].Pairs, r.Links[0].Pairs);
            Assert.Equal(a.Links[0].Attempts, r.Links[0].Attempts);
            Assert.Equal(a.Events, r.Events);
        }
        var other = LinkLayerRun.Run([FiftyKm(2)], 100, SimTime.FromSeconds(5));
        Assert.NotEqual(a.Links[0].Pairs, other.Links[0].Pairs);
    }

    private sealed class HoldingSink : ILinkPairSink
    {
        public List<LinkPair> Held { get; } = [];

        public bool OnPair(HeraldedLink link, in LinkPair pair)
        {
            Held.Add(pair);
            return false;
        }
    }

    [Fact]
    public void Release_HeldPair_ChannelResumesOnlyAfterRelease()
    {
        var sim = new Simulator(5);
        var sink = new HoldingSink();
        var model = new ProbabilisticLink(1.0, SimTime.FromMilliseconds(1), 0.9);
        var link = new HeraldedLink(sim, "l", model, QuantumMemory.Ideal, QuantumMemory.Ideal, 1, LinkEngine.AttemptSkipping, sink);
        link.Start();
        sim.RunUntil(SimTime.FromMilliseconds(10));
        Assert.Single(sink.Held);
        Assert.True(link.IsHolding(0));
        link.Release(0);
        sim.RunUntil(SimTime.FromMilliseconds(20));
        Assert.Equal(2, sink.Held.Count);
        Assert.Equal(SimTime.FromMilliseconds(11), sink.Held[1].HeraldTime);
        Assert.Throws<InvalidOperationException>(() => { link.Release(0); link.Release(0); });
    }

    [Fact]
    public void LinkPair_StateAt_AppliesDecoherenceLazily()
    {
        var memory = new QuantumMemory(1, double.PositiveInfinity, 1.0);
        var pair = new LinkPair(0, SimTime.FromSeconds(1), Physics.States.BellDiagonalState.Perfect);
        double f = pair.StateAt(SimTime.FromSeconds(1.5), memory, QuantumMemory.Ideal).Fidelity;
        // One half dephased for 0.5 s: F = (1 + e^{−t/T2})/2.
        Assert.Equal((1 + Math.Exp(-0.5)) / 2, f, 12);
    }
}
