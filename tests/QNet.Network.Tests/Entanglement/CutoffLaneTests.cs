using QNet.Kernel;
using QNet.Network.Entanglement;

namespace QNet.Network.Tests.Entanglement;

public class CutoffLaneTests
{
    private const int Kind = 1;
    private const int Priority = 5;

    // Receives the lane's events, acts on the timers of pairs not settled, and tells the lane it fired.
    private sealed class Owner : IEventHandler
    {
        private readonly Simulator _sim;

        public Owner(Simulator sim, bool eventPerTimer)
        {
            _sim = sim;
            Lane = new CutoffLane(sim, this, Kind, Priority, pair => Settled.Contains(pair)) { EventPerTimer = eventPerTimer };
        }

        public CutoffLane Lane { get; }

        public HashSet<long> Settled { get; } = [];

        public List<(long Time, long Pair)> Acted { get; } = [];

        public void OnEvent(int kind, long argument)
        {
            Assert.Equal(Kind, kind);
            if (!Settled.Contains(argument))
            {
                Acted.Add((_sim.Now.Picoseconds, argument));
            }
            Lane.Fired(argument);
        }
    }

    // Adds timers from a plain event, as the protocol does from a herald.
    private sealed class Adder(Action action) : IEventHandler
    {
        public void OnEvent(int kind, long argument) => action();
    }

    [Fact]
    public void Add_SettledTimers_AreDroppedWithoutEvents()
    {
        var sim = new Simulator(1);
        var owner = new Owner(sim, eventPerTimer: false);
        for (long pair = 0; pair < 10; pair++)
        {
            owner.Lane.Add(100 + pair, pair);
        }
        foreach (long pair in new long[] { 1, 2, 3, 5, 6, 7, 8 })
        {
            owner.Settled.Add(pair);
        }
        sim.Run();
        Assert.Equal([(100L, 0L), (104L, 4L), (109L, 9L)], owner.Acted);
        Assert.Equal(3, sim.EventsProcessed); // only the timers still live when they came to the front
        Assert.Equal(0, owner.Lane.Count);
    }

    [Fact]
    public void Add_EarlierThanTheQueuedTimer_RunsFirst()
    {
        var sim = new Simulator(1);
        var owner = new Owner(sim, eventPerTimer: false);
        owner.Lane.Add(500, 1);
        owner.Lane.Add(600, 2);
        owner.Lane.Add(200, 3); // e.g. a pair that left purification after its cutoff was due
        owner.Lane.Add(550, 4);
        sim.Run();
        Assert.Equal([(200L, 3L), (500L, 1L), (550L, 4L), (600L, 2L)], owner.Acted);
        Assert.Equal(4, sim.EventsProcessed); // the cancelled queue entry is not an event
    }

    [Fact]
    public void Add_EqualDueTimes_RunInTheOrderAdded()
    {
        var sim = new Simulator(1);
        var owner = new Owner(sim, eventPerTimer: false);
        owner.Lane.Add(300, 1);
        owner.Lane.Add(400, 2);
        owner.Lane.Add(300, 3);
        owner.Lane.Add(300, 4);
        sim.Run();
        Assert.Equal([1L, 3L, 4L, 2L], owner.Acted.Select(a => a.Pair));
    }

    [Fact]
    public void Defer_PairSettledBeforeCommit_NeverEntersTheLane()
    {
        var sim = new Simulator(1);
        var owner = new Owner(sim, eventPerTimer: false);
        owner.Lane.Defer(100, 1);
        owner.Lane.Defer(100, 2);
        owner.Lane.Defer(150, 3);
        owner.Settled.Add(2); // swapped in the herald that made it
        owner.Lane.Commit();
        Assert.Equal(2, owner.Lane.Count);
        sim.Run();
        Assert.Equal([(100L, 1L), (150L, 3L)], owner.Acted);
        Assert.Equal(2, sim.EventsProcessed);
    }

    [Fact]
    public void Defer_RandomTimersSettlingInTheirOwnHandler_ActAsEventPerTimerDoesWithFewerEvents()
    {
        // As below, but each handler defers its timers and commits them at its end, and a third of the pairs settle in
        // the handler that made them. The deferred timers keep the sequences they took when deferred, so every timer
        // that acts runs where an event of its own would have.
        static void Settle(Simulator sim, Owner owner, Random random, long pair)
        {
            int fate = random.Next(3);
            if (fate == 0)
            {
                owner.Settled.Add(pair);
            }
            else if (fate == 1)
            {
                sim.Schedule(new SimTime(random.Next(0, 60)), new Adder(() => owner.Settled.Add(pair)), priority: Priority - 1);
            }
        }

        var (reference, referenceEvents) = RunRandomTimers(17, 4, eventPerTimer: true, defer: false, Settle);
        var (added, addedEvents) = RunRandomTimers(17, 4, eventPerTimer: false, defer: false, Settle);
        var (deferred, deferredEvents) = RunRandomTimers(17, 4, eventPerTimer: false, defer: true, Settle);
        Assert.True(reference.Count(e => e.Pair >= 0) > 100, "too few timers acted");
        Assert.Equal(reference, added);
        Assert.Equal(reference, deferred);
        Assert.True(deferredEvents < addedEvents, $"{deferredEvents} events deferring, {addedEvents} adding");
        Assert.True(addedEvents < referenceEvents, $"{addedEvents} events, {referenceEvents} with a timer each");
    }

    [Fact]
    public void Lane_RandomTimersAmongOtherEvents_ActAsEventPerTimerDoesWithFewerEvents()
    {
        // Timers are added from events at random times (ties included), with due times mostly in order and sometimes
        // earlier, and most pairs settle before they are due; other events at the timers' priority run in between. The
        // lane must act on the same timers at the same instants, in the same order among the other events.
        static void Settle(Simulator sim, Owner owner, Random random, long pair)
        {
            if (random.Next(4) != 0)
            {
                sim.Schedule(new SimTime(random.Next(0, 60)), new Adder(() => owner.Settled.Add(pair)), priority: Priority - 1);
            }
        }

        var (reference, referenceEvents) = RunRandomTimers(11, 3, eventPerTimer: true, defer: false, Settle);
        var (lane, laneEvents) = RunRandomTimers(11, 3, eventPerTimer: false, defer: false, Settle);
        Assert.True(reference.Count(e => e.Pair >= 0) > 100, "too few timers acted");
        Assert.Equal(reference, lane);
        Assert.True(laneEvents < referenceEvents, $"{laneEvents} events, {referenceEvents} before");
    }

    // An adder event at random times (ties included) adds fewer than maxTimers timers, due mostly 50 ps on and sometimes
    // earlier, lets settle decide each pair's fate (settled now, later by an event of its own, or never), logs its own
    // turn (to check the interleaving) and comes again; with defer it defers its timers and commits them at its end.
    // Returns what acted, in order, and the events run.
    private static (List<(long Time, long Pair)> Log, long Events) RunRandomTimers(int seed, int maxTimers, bool eventPerTimer, bool defer,
        Action<Simulator, Owner, Random, long> settle)
    {
        var sim = new Simulator(3);
        var owner = new Owner(sim, eventPerTimer);
        var random = new Random(seed);
        long nextPair = 0;
        Adder? adder = null;
        adder = new Adder(() =>
        {
            long now = sim.Now.Picoseconds;
            for (int i = random.Next(0, maxTimers); i > 0; i--)
            {
                long pair = nextPair++;
                long due = random.Next(10) == 0 ? now + random.Next(0, 20) : now + 50;
                if (defer)
                {
                    owner.Lane.Defer(due, pair);
                }
                else
                {
                    owner.Lane.Add(due, pair);
                }
                settle(sim, owner, random, pair);
            }
            if (defer)
            {
                owner.Lane.Commit();
            }
            owner.Acted.Add((now, -1));
            if (now < 5000)
            {
                sim.Schedule(new SimTime(random.Next(0, 4)), adder!, priority: Priority);
            }
        });
        sim.Schedule(SimTime.Zero, adder, priority: Priority);
        sim.Run();
        return (owner.Acted, sim.EventsProcessed);
    }
}
