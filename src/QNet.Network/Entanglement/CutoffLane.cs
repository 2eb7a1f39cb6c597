using System.Diagnostics;
using QNet.Kernel;

namespace QNet.Network.Entanglement;

/// <summary>
/// A path's pending cutoff timers, one per stored pair, ordered by (due time, sequence), of which only the earliest
/// goes into the simulator's queue. Each timer takes its sequence number from the simulator when it is added
/// (<see cref="Simulator.ReserveSequence"/>), so the one event that is queued runs at exactly the (time, priority,
/// sequence) it would have had as an event of its own, and every other event keeps its sequence too. Timers whose pair
/// is settled for good (gone, or handed over) are dropped unseen when they reach the front: most pairs are swapped or
/// delivered long before their cutoff, and their timers then cost no event at all.
/// </summary>
internal sealed class CutoffLane
{
    private struct Entry
    {
        public long Due;       // ps
        public long Sequence;
        public long Pair;      // the pair's handle, the event's argument
    }

    private readonly Simulator _sim;
    private readonly IEventHandler _handler;
    private readonly int _kind;
    private readonly int _priority;
    private readonly Func<long, bool> _settled;
    private Entry[] _ring = new Entry[16]; // a power of two
    private Entry[] _deferred = new Entry[4];
    private int _deferredCount;
    private int _head;
    private int _count;
    private bool _armed;
    private EventHandle _armedEvent;
    private long _armedDue;
    private long _armedSequence;

    /// <summary>
    /// A lane whose timers reach <paramref name="handler"/> as events (<paramref name="kind"/>, pair handle) at
    /// <paramref name="priority"/>; <paramref name="settled"/> tells whether a pair's timer can never act again.
    /// </summary>
    public CutoffLane(Simulator simulator, IEventHandler handler, int kind, int priority, Func<long, bool> settled)
    {
        _sim = simulator;
        _handler = handler;
        _kind = kind;
        _priority = priority;
        _settled = settled;
    }

    /// <summary>Timers held, settled ones not yet dropped included.</summary>
    public int Count => _count;

    /// <summary>
    /// Queues every timer as an event of its own when it is added, and nothing else (the behaviour before lanes).
    /// For tests that compare the two; set before the first timer.
    /// </summary>
    internal bool EventPerTimer { get; set; }

    /// <summary>Adds the timer of <paramref name="pair"/>, due at <paramref name="due"/> ps (not in the past).</summary>
    public void Add(long due, long pair)
    {
        if (EventPerTimer)
        {
            _sim.ScheduleAt(new SimTime(due), _handler, _kind, pair, _priority);
            return;
        }
        Debug.Assert(_deferredCount == 0, "no timer is added between a deferral and its commit");
        Insert(due, _sim.ReserveSequence(), pair);
    }

    /// <summary>
    /// Adds the timer of <paramref name="pair"/> as <see cref="Add"/> does, taking its sequence now, but holds it aside
    /// until <see cref="Commit"/>, which the owner calls before its event handler returns: a pair settled by then (a link
    /// pair swapped in the herald that made it) costs the lane nothing more.
    /// </summary>
    public void Defer(long due, long pair)
    {
        if (EventPerTimer)
        {
            _sim.ScheduleAt(new SimTime(due), _handler, _kind, pair, _priority);
            return;
        }
        if (_deferredCount == _deferred.Length)
        {
            Array.Resize(ref _deferred, _deferred.Length * 2);
        }
        _deferred[_deferredCount++] = new Entry { Due = due, Sequence = _sim.ReserveSequence(), Pair = pair };
    }

    /// <summary>
    /// Adds the deferred timers whose pairs are not settled, in the order they were deferred (so each still has the
    /// largest sequence in the lane when it goes in), and queues the first as <see cref="Add"/> would have.
    /// </summary>
    public void Commit()
    {
        for (int i = 0; i < _deferredCount; i++)
        {
            Entry timer = _deferred[i];
            if (!_settled(timer.Pair))
            {
                Insert(timer.Due, timer.Sequence, timer.Pair);
            }
        }
        _deferredCount = 0;
    }

    // A timer whose sequence is larger than every one in the lane.
    private void Insert(long due, long sequence, long pair)
    {
        if (_count == _ring.Length)
        {
            Grow();
        }
        // The sequence is the largest so far, so the timer goes after every one due no later. Link pairs come in due
        // order (appended); a swapped pair is due with its oldest constituent, a little way from the back.
        int mask = _ring.Length - 1;
        int i = _count;
        while (i > 0 && _ring[(_head + i - 1) & mask].Due > due)
        {
            _ring[(_head + i) & mask] = _ring[(_head + i - 1) & mask];
            i--;
        }
        _ring[(_head + i) & mask] = new Entry { Due = due, Sequence = sequence, Pair = pair };
        _count++;
        if (!_armed)
        {
            Arm();
        }
        else if (due < _armedDue || (due == _armedDue && sequence < _armedSequence))
        {
            // Earlier than the queued one (a pair that left purification after its cutoff was due): queue this one instead.
            _sim.Cancel(_armedEvent);
            _armed = false;
            Arm();
        }
    }

    /// <summary>
    /// The queued timer has run (its event's handler has done what the timer asks): it leaves the lane and the next
    /// timer that may still act is queued.
    /// </summary>
    public void Fired(long pair)
    {
        if (EventPerTimer)
        {
            return;
        }
        Debug.Assert(_armed && _count > 0 && _ring[_head].Pair == pair, "the queued timer is the lane's first");
        Debug.Assert(_deferredCount == 0, "deferred timers are committed before the handler that deferred them returns");
        RemoveFirst();
        _armed = false;
        Arm();
    }

    // Drops settled timers from the front and queues the first one left with its reserved sequence.
    private void Arm()
    {
        while (_count > 0 && _settled(_ring[_head].Pair))
        {
            RemoveFirst();
        }
        if (_count == 0)
        {
            return;
        }
        Entry first = _ring[_head];
        _armedEvent = _sim.ScheduleReservedAt(new SimTime(first.Due), _handler, _kind, first.Pair, _priority, first.Sequence);
        _armedDue = first.Due;
        _armedSequence = first.Sequence;
        _armed = true;
    }

    private void RemoveFirst()
    {
        _head = (_head + 1) & (_ring.Length - 1);
        _count--;
    }

    private void Grow()
    {
        var ring = new Entry[_ring.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            ring[i] = _ring[(_head + i) & (_ring.Length - 1)];
        }
        _ring = ring;
        _head = 0;
    }
}
