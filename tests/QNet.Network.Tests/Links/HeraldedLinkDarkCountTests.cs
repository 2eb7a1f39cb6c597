using QNet.Kernel;
using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Tests.Links;

/// <summary>Dark-count heralds: the origin of every herald is drawn so their share follows the link model.</summary>
public sealed class HeraldedLinkDarkCountTests
{
    private static readonly QuantumMemory Memory = new(1, 10, 1);

    /// <summary>150 km single-click (15 dB per arm), α = 0.1, detectors with d ≈ 1e-3 per window: about a quarter of heralds are dark.</summary>
    private static SingleClickLink Lossy(double sourceEfficiency) => new(
        new OpticalLinkHardware(OpticalPath.Of(new FiberChannel(150_000, 0.2)), new Detector(1, 1e6, 1e-9), new PhotonSource(sourceEfficiency)), 0.1);

    [Theory]
    [InlineData(LinkEngine.AttemptSkipping)]
    [InlineData(LinkEngine.PerAttempt)]
    public void Run_DarkCountsAndLoss_DarkHeraldShareMatchesOneMinusTrueHeraldFraction(LinkEngine engine)
    {
        var sim = new Simulator(21);
        var sink = new CountingSink();
        var link = new HeraldedLink(sim, "l", Lossy(1), Memory, Memory, 2, engine, sink);
        link.Start();
        sim.RunUntil(SimTime.FromSeconds(engine == LinkEngine.PerAttempt ? 300 : 1500));

        var stats = link.Statistics;
        double q = 1 - link.Physics.TrueHeraldFraction;
        Assert.InRange(q, 0.1, 0.5); // the scenario is a real mixture, else the check would be weak
        Assert.True(stats.Pairs > 4000, $"only {stats.Pairs} heralds");
        // Each herald is dark with probability q, independently: the count is binomial, standard error √(n q (1 − q)); 5 SE.
        double se = Math.Sqrt(stats.Pairs * q * (1 - q));
        Assert.InRange(stats.DarkCountHeralds, (stats.Pairs * q) - (5 * se), (stats.Pairs * q) + (5 * se));
        Assert.Equal(stats.DarkCountHeralds, sink.Dark);
        Assert.Equal(stats.Pairs, sink.Pairs);
    }

    [Fact]
    public void Run_NoLightAtTheDetectors_EveryHeraldIsDarkAtTheFloorRate()
    {
        var sim = new Simulator(5);
        var sink = new CountingSink();
        var link = new HeraldedLink(sim, "l", Lossy(0), Memory, Memory, 1, LinkEngine.AttemptSkipping, sink);
        link.Start();
        sim.RunUntil(SimTime.FromSeconds(600));

        Assert.Equal(link.Statistics.Pairs, link.Statistics.DarkCountHeralds);
        // With no photon, single-click heralds on exactly one dark click: p = 2d(1 − d) per attempt.
        double d = new Detector(1, 1e6, 1e-9).DarkCountProbability;
        Assert.Equal(2 * d * (1 - d), link.Physics.SuccessProbability, 15);
        // Heralds are binomial over the attempts: standard error √(n p (1 − p)); 5 SE.
        double p = link.Physics.SuccessProbability;
        double se = Math.Sqrt(link.Statistics.Attempts * p * (1 - p));
        Assert.InRange(link.Statistics.Pairs, (link.Statistics.Attempts * p) - (5 * se), (link.Statistics.Attempts * p) + (5 * se));
    }

    private sealed class CountingSink : ILinkPairSink
    {
        public long Pairs { get; private set; }

        public long Dark { get; private set; }

        public bool OnPair(HeraldedLink link, in LinkPair pair)
        {
            Pairs++;
            Dark += pair.DarkCount ? 1 : 0;
            return true;
        }
    }
}
