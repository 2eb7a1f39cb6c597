namespace QNet.Kernel.Tests;

public class ReservedSequenceTests
{
    // A small self-scheduling model: every event schedules a few more at random small delays (many ties in time and
    // priority) and logs what ran. With deferral on, some of the new events only reserve their place and are put in
    // the queue later, at the last event before they are due; with it off, the same events are scheduled at once.
    // Both runs draw the same random numbers as long as the events run in the same order, so equal logs mean the
    // deferred events ran exactly where the directly scheduled ones did.
    private sealed class Model : IEventHandler
    {
        private readonly Simulator _sim;
        private readonly bool _defer;
        private readonly Random _random = new(7);
        private readonly List<(long Due, int Priority, long Sequence, long Id)> _deferred = [];
        private long _nextId;

        public Model(Simulator sim, bool defer)
        {
            _sim = sim;
            _defer = defer;
        }

        public List<(long Time, long Id)> Log { get; } = [];

        public int Deferred { get; private set; }

        public void Start()
        {
            _sim.Schedule(SimTime.Zero, this, kind: 1); // a tick every picosecond: an event before every due time
            for (int i = 0; i < 10; i++)
            {
                ScheduleSome();
            }
        }

        public void OnEvent(int kind, long argument)
        {
            long now = _sim.Now.Picoseconds;
            for (int i = _deferred.Count - 1; i >= 0; i--)
            {
                var d = _deferred[i];
                if (d.Due - 1 <= now)
                {
                    _sim.ScheduleReservedAt(new SimTime(d.Due), this, 0, d.Id, d.Priority, d.Sequence);
                    _deferred.RemoveAt(i);
                }
            }
            if (kind == 1)
            {
                if (Log.Count < 3000 || _deferred.Count > 0)
                {
                    _sim.Schedule(new SimTime(1), this, kind: 1);
                }
                return;
            }
            Log.Add((now, argument));
            if (Log.Count < 3000)
            {
                ScheduleSome();
            }
        }

        private void ScheduleSome()
        {
            int count = _random.Next(0, 4); // 1.5 on average: the run grows until the log is full
            for (int i = 0; i < count; i++)
            {
                long delay = _random.Next(2, 6);
                int priority = _random.Next(0, 3);
                long id = _nextId++;
                if (_defer && _random.Next(2) == 0)
                {
                    _deferred.Add((_sim.Now.Picoseconds + delay, priority, _sim.ReserveSequence(), id));
                    Deferred++;
                }
                else
                {
                    if (!_defer)
                    {
                        _random.Next(2); // the same draw as the deferring run
                    }
                    _sim.Schedule(new SimTime(delay), this, 0, id, priority);
                }
            }
        }
    }

    [Fact]
    public void ScheduleReservedAt_DeferredEvents_RunInTheOrderOfAQueueThatGotThemAtReservation()
    {
        var direct = new Simulator(1);
        var reference = new Model(direct, defer: false);
        reference.Start();
        direct.Run();

        var deferring = new Simulator(1);
        var model = new Model(deferring, defer: true);
        model.Start();
        deferring.Run();

        Assert.True(reference.Log.Count > 1000, $"only {reference.Log.Count} events");
        Assert.True(model.Deferred > 300, $"only {model.Deferred} deferred");
        Assert.Equal(reference.Log, model.Log);
    }

    [Fact]
    public void ReserveSequence_TakesAPlaceBetweenEqualEvents()
    {
        var sim = new Simulator(1);
        var seen = new List<long>();
        var handler = new Recorder(seen);
        sim.Schedule(new SimTime(5), handler, argument: 1);
        long reserved = sim.ReserveSequence();
        sim.Schedule(new SimTime(5), handler, argument: 3);
        sim.ScheduleReservedAt(new SimTime(5), handler, 0, 2, 0, reserved);
        sim.Run();
        Assert.Equal([1L, 2L, 3L], seen);
    }

    [Fact]
    public void ScheduleReservedAt_InThePast_Throws()
    {
        var sim = new Simulator(1);
        var handler = new Recorder([]);
        long reserved = sim.ReserveSequence();
        sim.Schedule(new SimTime(10), handler);
        sim.Run();
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.ScheduleReservedAt(new SimTime(5), handler, 0, 0, 0, reserved));
    }

    private sealed class Recorder(List<long> seen) : IEventHandler
    {
        public void OnEvent(int kind, long argument) => seen.Add(argument);
    }
}
