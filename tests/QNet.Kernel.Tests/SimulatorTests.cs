namespace QNet.Kernel.Tests;

public class SimulatorTests
{
    private sealed class Recorder(Simulator sim) : IEventHandler
    {
        public List<(long Time, int Kind, long Argument)> Seen { get; } = [];

        public void OnEvent(int kind, long argument) => Seen.Add((sim.Now.Picoseconds, kind, argument));
    }

    [Fact]
    public void StartAt_NowsOwnSecondsRoundingLater_IsNowAndLaterStartsKeepTheirInstant()
    {
        long ps = SimTime.FromSeconds(3 * 3600).Picoseconds;
        while (SimTime.FromSeconds(new SimTime(ps).Seconds).Picoseconds <= ps)
        {
            ps++;
        }
        var sim = new Simulator(1);
        sim.RunUntil(new SimTime(ps));

        Assert.True(SimTime.FromSeconds(sim.Now.Seconds) > sim.Now); // the round trip this guards against
        Assert.Equal(sim.Now, sim.StartAt(sim.Now.Seconds));
        Assert.Equal(sim.Now, sim.StartAt(60));
        Assert.Equal(SimTime.FromSeconds(sim.Now.Seconds + 1), sim.StartAt(sim.Now.Seconds + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.StartAt(-1));
    }

    [Fact]
    public void Run_EventsAtDifferentTimes_RunInTimeOrder()
    {
        var sim = new Simulator(1);
        var rec = new Recorder(sim);
        sim.Schedule(new SimTime(30), rec, kind: 3);
        sim.Schedule(new SimTime(10), rec, kind: 1);
        sim.Schedule(new SimTime(20), rec, kind: 2);
        sim.Run();
        Assert.Equal([(10L, 1, 0L), (20L, 2, 0L), (30L, 3, 0L)], rec.Seen);
        Assert.Equal(3, sim.EventsProcessed);
    }

    [Fact]
    public void Run_EqualTimeEqualPriority_RunFirstInFirstOut()
    {
        var sim = new Simulator(1);
        var rec = new Recorder(sim);
        for (int i = 0; i < 1000; i++)
        {
            sim.Schedule(new SimTime(5), rec, argument: i);
        }
        sim.Run();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), rec.Seen.Select(s => s.Argument));
    }

    [Fact]
    public void Run_EqualTime_LowerPriorityValueRunsFirst()
    {
        var sim = new Simulator(1);
        var rec = new Recorder(sim);
        sim.Schedule(new SimTime(5), rec, kind: 1, priority: 2);
        sim.Schedule(new SimTime(5), rec, kind: 2, priority: 0);
        sim.Schedule(new SimTime(5), rec, kind: 3, priority: 1);
        sim.Run();
        Assert.Equal([2, 3, 1], rec.Seen.Select(s => s.Kind));
    }

    [Fact]
    public void Cancel_PendingEvent_DoesNotRunAndStaleHandleIsRefused()
    {
        var sim = new Simulator(1);
        var rec = new Recorder(sim);
        EventHandle a = sim.Schedule(new SimTime(10), rec, kind: 1);
        sim.Schedule(new SimTime(20), rec, kind: 2);
        Assert.True(sim.Cancel(a));
        Assert.False(sim.Cancel(a));
        sim.Run();
        Assert.Equal([2], rec.Seen.Select(s => s.Kind));
        // The slot of the cancelled event is reused; the old handle must not cancel the new event.
        sim.Schedule(new SimTime(1), rec, kind: 3);
        Assert.False(sim.Cancel(a));
        sim.Run();
        Assert.Equal([2, 3], rec.Seen.Select(s => s.Kind));
    }

    [Fact]
    public void Cancel_AfterEventRan_ReturnsFalse()
    {
        var sim = new Simulator(1);
        var rec = new Recorder(sim);
        EventHandle a = sim.Schedule(new SimTime(10), rec);
        sim.Run();
        Assert.False(sim.Cancel(a));
    }

    [Fact]
    public void RunUntil_StopsAtLimitAndAdvancesClock()
    {
        var sim = new Simulator(1);
        var rec = new Recorder(sim);
        sim.Schedule(new SimTime(10), rec, kind: 1);
        sim.Schedule(new SimTime(100), rec, kind: 2);
        sim.RunUntil(new SimTime(50));
        Assert.Equal([1], rec.Seen.Select(s => s.Kind));
        Assert.Equal(new SimTime(50), sim.Now);
        sim.RunUntil(new SimTime(100));
        Assert.Equal([1, 2], rec.Seen.Select(s => s.Kind));
    }

    [Fact]
    public void Schedule_FromInsideEvent_UsesCurrentTime()
    {
        var sim = new Simulator(1);
        var times = new List<long>();
        void Tick()
        {
            times.Add(sim.Now.Picoseconds);
            if (times.Count < 5)
            {
                sim.Schedule(new SimTime(7), Tick);
            }
        }
        sim.Schedule(new SimTime(3), Tick);
        sim.Run();
        Assert.Equal([3L, 10L, 17L, 24L, 31L], times);
    }

    [Fact]
    public void Schedule_NegativeDelay_Throws()
    {
        var sim = new Simulator(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(new SimTime(-1), () => { }));
    }

    [Fact]
    public void ScheduleAt_PastTime_Throws()
    {
        var sim = new Simulator(1);
        sim.RunUntil(new SimTime(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.ScheduleAt(new SimTime(50), new Recorder(sim)));
    }

    [Fact]
    public void Stop_InsideEvent_ReturnsAfterCurrentEvent()
    {
        var sim = new Simulator(1);
        int ran = 0;
        sim.Schedule(new SimTime(1), () => { ran++; sim.Stop(); });
        sim.Schedule(new SimTime(2), () => ran++);
        sim.Run();
        Assert.Equal(1, ran);
        sim.Run();
        Assert.Equal(2, ran);
    }

    [Fact]
    public void Run_RandomSchedule_MatchesStableSortOfSameEvents()
    {
        // A heap-ordering check against a reference: a stable sort by (time, priority) of the same events.
        var rng = new RandomStream(99);
        var sim = new Simulator(1);
        var rec = new Recorder(sim);
        var expected = new List<(long Time, int Priority, long Index)>();
        for (int i = 0; i < 5000; i++)
        {
            long t = rng.NextInt(200);
            int p = rng.NextInt(3);
            sim.Schedule(new SimTime(t), rec, kind: p, argument: i, priority: p);
            expected.Add((t, p, i));
        }
        sim.Run();
        var order = expected.OrderBy(e => e.Time).ThenBy(e => e.Priority).Select(e => e.Index);
        Assert.Equal(order, rec.Seen.Select(s => s.Argument));
    }

    [Fact]
    public void Run_EventsSchedulingAndCancellingEvents_MatchReferenceQueue()
    {
        // Interleaved pushes, pops and cancellations on a deep heap (about 3,000 pending), checked against a reference
        // queue: a sorted set ordered by (time, priority, insertion sequence).
        var rng = new RandomStream(7);
        var sim = new Simulator(1);
        var reference = new SortedSet<(long Time, int Priority, long Sequence)>();
        var handles = new Dictionary<long, EventHandle>();
        var ran = new List<long>();
        var expected = new List<long>();
        long sequence = 0;
        var handler = new Chain(sim, rng, reference, handles, ran, () => sequence++);
        for (int i = 0; i < 3000; i++)
        {
            handler.Add(rng.NextInt(1000));
        }
        sim.Run();
        Assert.Equal(handler.Expected, ran);
        Assert.True(ran.Count > 5_000, $"only {ran.Count} events ran");
    }

    private sealed class Chain(Simulator sim, RandomStream rng, SortedSet<(long Time, int Priority, long Sequence)> reference,
        Dictionary<long, EventHandle> handles, List<long> ran, Func<long> next) : IEventHandler
    {
        public List<long> Expected { get; } = [];

        public void Add(long delay)
        {
            int priority = rng.NextInt(3);
            long seq = next();
            reference.Add((sim.Now.Picoseconds + delay, priority, seq));
            handles[seq] = sim.Schedule(new SimTime(delay), this, 0, seq, priority);
        }

        public void OnEvent(int kind, long argument)
        {
            var head = reference.Min;
            reference.Remove(head);
            Expected.Add(head.Sequence);
            ran.Add(argument);
            if (sim.Now.Picoseconds < 20_000 && rng.NextDouble() < 0.9)
            {
                Add(rng.NextInt(1000));
            }
            if (rng.NextDouble() < 0.1 && reference.Count > 0)
            {
                // Cancel a random pending event: the reference forgets it too.
                var victim = reference.ElementAt(rng.NextInt(reference.Count));
                Assert.True(sim.Cancel(handles[victim.Sequence]));
                reference.Remove(victim);
            }
        }
    }
}
