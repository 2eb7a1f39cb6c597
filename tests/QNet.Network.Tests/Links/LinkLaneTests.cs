using QNet.Kernel;
using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Tests.Links;

public class LinkLaneTests
{
    private static readonly QuantumMemory Memory = new(1, 10, 1);

    // Records every herald (time, link, channel, dark) and keeps a random share of the pairs, releasing each later by a
    // plain event of its own: lane events and others interleave, at equal times too (every delay lies on a coarse grid).
    private sealed class Sink(Simulator sim, Random random, long grid) : ILinkPairSink, IEventHandler
    {
        private readonly List<HeraldedLink> _held = [];

        public List<(long Time, int Link, int Channel, bool Dark)> Heralds { get; } = [];

        public bool OnPair(HeraldedLink link, in LinkPair pair)
        {
            Heralds.Add((sim.Now.Picoseconds, link.Tag, pair.Channel, pair.DarkCount));
            if (random.Next(3) == 0)
            {
                return true;
            }
            _held.Add(link);
            long argument = ((long)(_held.Count - 1) << 8) | (uint)pair.Channel;
            // Released 0–3 grid steps later, at a random priority: some at the very instant of other links' heralds.
            sim.Schedule(new SimTime(grid * random.Next(4)), this, 0, argument, priority: random.Next(-2, 40));
            return false;
        }

        public void OnEvent(int kind, long argument) => _held[(int)(argument >> 8)].Release((int)(argument & 0xFF));
    }

    private static (List<(long, int, int, bool)> Heralds, long Events, long Attempts, long Pairs) Run(
        bool lane, LinkEngine engine, int links, ulong seed)
    {
        var sim = new Simulator(seed);
        var random = new Random((int)seed);
        const long grid = 1_000_000; // 1 µs: every attempt duration below is a multiple of it
        var sink = new Sink(sim, random, grid);
        LinkLane? shared = lane ? new LinkLane(sim, widthLog2: 20, bucketsLog2: 6) : null; // a span of 67 µs: many beyond it
        var runtimes = new HeraldedLink[links];
        for (int j = 0; j < links; j++)
        {
            // Mostly equal priorities and cycles (ties on time and priority, decided by sequence), a few links apart.
            var model = new ProbabilisticLink(0.02 + 0.3 * random.NextDouble(), new SimTime(grid * (1 + random.Next(3))), 0.9);
            runtimes[j] = new HeraldedLink(sim, $"l{j}", model, Memory, Memory, 1 + random.Next(3), engine, sink,
                eventPriority: random.Next(4) == 0 ? j : 7)
            { Tag = j };
            if (shared is not null)
            {
                runtimes[j].UseLane(shared);
            }
        }
        foreach (HeraldedLink link in runtimes)
        {
            link.Start();
        }
        sim.RunUntil(SimTime.FromMilliseconds(2));
        if (shared is not null)
        {
            Assert.True(shared.Count > 0);
        }
        return (sink.Heralds, sim.EventsProcessed, runtimes.Sum(l => l.AttemptCount), runtimes.Sum(l => l.PairCount));
    }

    [Theory]
    [InlineData(LinkEngine.AttemptSkipping, 1)]
    [InlineData(LinkEngine.AttemptSkipping, 2)]
    [InlineData(LinkEngine.PerAttempt, 3)]
    public void Lane_ManyLinksRandomSchedules_RunEveryEventWhereThePlainQueueDoes(LinkEngine engine, ulong seed)
    {
        var plain = Run(lane: false, engine, links: 300, seed);
        var laned = Run(lane: true, engine, links: 300, seed);
        Assert.True(plain.Heralds.Count > 1000, $"only {plain.Heralds.Count} heralds");
        Assert.Equal(plain.Heralds, laned.Heralds);
        Assert.Equal(plain.Events, laned.Events);
        Assert.Equal(plain.Attempts, laned.Attempts);
        Assert.Equal(plain.Pairs, laned.Pairs);
    }

    [Fact]
    public void Lane_EventsOfEqualTimeAndPriority_RunInTheOrderScheduled()
    {
        // Links of one cycle, one priority and certain success: every herald of a round falls at one instant, and the
        // order among them is the order they were scheduled in, which Start gives by link (tagged in reverse here).
        var sim = new Simulator(5);
        var recorder = new Recorder(sim);
        var lane = new LinkLane(sim, widthLog2: 10, bucketsLog2: 6);
        var links = Enumerable.Range(0, 40).Select(j =>
            new HeraldedLink(sim, $"l{j}", new ProbabilisticLink(1, SimTime.FromMicroseconds(1), 0.9), Memory, Memory, 1,
                LinkEngine.AttemptSkipping, recorder)
            { Tag = 39 - j }).ToArray();
        foreach (HeraldedLink link in links)
        {
            link.UseLane(lane);
        }
        foreach (HeraldedLink link in links)
        {
            link.Start();
        }
        sim.RunUntil(SimTime.FromMicroseconds(3));
        var rounds = recorder.Heralds.GroupBy(h => h.Time).ToList();
        Assert.True(rounds.Count >= 3, $"{rounds.Count} rounds");
        Assert.All(rounds, round => Assert.Equal(Enumerable.Range(0, 40).Select(j => 39 - j), round.Select(h => h.Link)));
        Assert.Equal(rounds.Count * 40, sim.EventsProcessed);
    }

    [Fact]
    public void Add_InThePast_Throws()
    {
        var sim = new Simulator(1);
        var lane = new LinkLane(sim, widthLog2: 10, bucketsLog2: 6);
        sim.Schedule(SimTime.FromMicroseconds(5), () => Assert.Throws<ArgumentOutOfRangeException>(() => lane.Add(1, 0, 0, 0, 0)));
        sim.Run();
        Assert.Equal(1, sim.EventsProcessed);
    }

    [Theory]
    [InlineData(122_000_000L, 1_350_000_000L, 26, 6)]   // a 25 km single-click chain: 67 µs buckets, at least 64
    [InlineData(1_000_000L, 1_000_000_000L, 19, 12)]     // a 1 µs cycle, 1 ms mean wait: 2 ms over 0.5 µs buckets
    [InlineData(1_000_000L, long.MaxValue / 4, 19, 16)]  // a link that almost never heralds: the bucket count's cap
    public void For_LinkTimes_SizesBucketsByCycleAndSpanByWait(long cycle, long wait, int widthLog2, int bucketsLog2)
    {
        LinkLane lane = LinkLane.For(new Simulator(1), cycle, wait);
        Assert.Equal((widthLog2, bucketsLog2), (lane.WidthLog2, lane.BucketsLog2));
    }

    private sealed class Recorder(Simulator sim) : ILinkPairSink
    {
        public List<(long Time, int Link)> Heralds { get; } = [];

        public bool OnPair(HeraldedLink link, in LinkPair pair)
        {
            Heralds.Add((sim.Now.Picoseconds, link.Tag));
            return true;
        }
    }
}
