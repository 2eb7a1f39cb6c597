using System.Runtime.CompilerServices;

namespace QNet.Kernel;

/// <summary>
/// The discrete-event simulator: a clock, a queue of pending events and the seeded random streams.
/// The loop is: take the next event, set <see cref="Now"/>, run it. No wall clock and no I/O,
/// so the same seed and the same model give the same run on any machine.
/// </summary>
public sealed class Simulator
{
    private readonly EventQueue _queue = new();
    private bool _stopRequested;

    /// <summary>Creates a simulator whose random streams all derive from <paramref name="seed"/>.</summary>
    public Simulator(ulong seed)
    {
        Random = new RandomStream(seed);
    }

    /// <summary>The current simulated time.</summary>
    public SimTime Now { get; private set; }

    /// <summary>The root random stream; entities should prefer <see cref="StreamFor"/>.</summary>
    public RandomStream Random { get; }

    /// <summary>Events run so far.</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>Heap entries pending, cancelled ones included until they are discarded.</summary>
    public int PendingEvents => _queue.Count;

    /// <summary>The random stream of the entity named <paramref name="entity"/>, independent of creation order.</summary>
    public RandomStream StreamFor(string entity) => Random.Derive(entity);

    /// <summary>Schedules <paramref name="handler"/> to receive (kind, argument) after <paramref name="delay"/>.</summary>
    /// <param name="priority">Among events at the same time, lower runs first.</param>
    public EventHandle Schedule(SimTime delay, IEventHandler handler, int kind = 0, long argument = 0, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return _queue.Push(Due(delay), priority, handler, kind, argument);
    }

    /// <summary>Schedules an action after <paramref name="delay"/>. Convenient; a capturing lambda allocates.</summary>
    public EventHandle Schedule(SimTime delay, Action action, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _queue.Push(Due(delay), priority, action, 0, 0);
    }

    /// <summary>Schedules at an absolute time, which must not lie in the past.</summary>
    public EventHandle ScheduleAt(SimTime time, IEventHandler handler, int kind = 0, long argument = 0, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Cannot schedule in the past (now {Now}).");
        }
        return _queue.Push(time.Picoseconds, priority, handler, kind, argument);
    }

    /// <summary>
    /// Takes a place in the order of events now without scheduling one: the returned sequence number, passed later to
    /// <see cref="ScheduleReservedAt"/>, orders that event among equal-time, equal-priority ones exactly as if it had been
    /// scheduled at this call. Every other event keeps the sequence it would have had (one counter serves both).
    /// </summary>
    internal long ReserveSequence() => _queue.ReserveSequence();

    /// <summary>
    /// Schedules at an absolute time, not in the past, with a sequence number from <see cref="ReserveSequence"/>, used once.
    /// Lets a model keep many timers of its own and put only the next one in the queue (the entanglement cutoff lanes).
    /// </summary>
    internal EventHandle ScheduleReservedAt(SimTime time, IEventHandler handler, int kind, long argument, int priority, long sequence)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Cannot schedule in the past (now {Now}).");
        }
        return _queue.Push(time.Picoseconds, priority, handler, kind, argument, sequence);
    }

    /// <summary>
    /// The instant a start given in <paramref name="seconds"/> names, not before now: a start at or before now in seconds
    /// is now. Now's own seconds can round to a picosecond or two after now late in a long run (a double resolves about
    /// 2 ps near 10⁴ s), and something asked to start now must start now, not at the next step.
    /// </summary>
    public SimTime StartAt(double seconds)
    {
        var at = SimTime.FromSeconds(seconds);
        return at < Now || seconds <= Now.Seconds ? Now : at;
    }

    /// <summary>Cancels a pending event; false if it already ran or was cancelled.</summary>
    public bool Cancel(EventHandle handle) => _queue.Cancel(handle);

    /// <summary>Runs events until none is left or <see cref="Stop"/> is called.</summary>
    public void Run() => RunUntil(SimTime.MaxValue);

    /// <summary>
    /// Runs every event due at or before <paramref name="until"/>, then sets the clock to it
    /// (unless stopped early). Can be called repeatedly to advance in steps.
    /// </summary>
    public void RunUntil(SimTime until)
    {
        _stopRequested = false;
        long limit = until.Picoseconds;
        while (!_stopRequested && _queue.TryPopDue(limit, out long time, out object target, out int kind, out long argument))
        {
            Now = new SimTime(time);
            EventsProcessed++;
            // SAFETY: Schedule and ScheduleAt queue only null-checked IEventHandler or Action targets, so a target that
            // is not an Action (an exact type test: delegates are sealed) is an IEventHandler and needs no cast check.
            if (target is Action action)
            {
                action();
            }
            else
            {
                Unsafe.As<IEventHandler>(target).OnEvent(kind, argument);
            }
        }
        if (!_stopRequested && until != SimTime.MaxValue && Now < until)
        {
            Now = until;
        }
    }

    /// <summary>Asks the running loop to return after the current event.</summary>
    public void Stop() => _stopRequested = true;

    private long Due(SimTime delay)
    {
        if (delay.Picoseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay cannot be negative.");
        }
        return checked(Now.Picoseconds + delay.Picoseconds);
    }

    /// <summary>
    /// The time of the next pending event, without running it; false when none is pending. Lets a caller that runs
    /// several simulators level (the twin's session partitions) advance them together up to this simulator's next event.
    /// </summary>
    public bool TryPeekNextTime(out SimTime time)
    {
        bool any = _queue.TryPeekTime(out long picoseconds);
        time = new SimTime(picoseconds);
        return any;
    }
}
