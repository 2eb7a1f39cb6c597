using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Physics.Hardware;
using QNet.Physics.Purification;
using QNet.Physics.States;

namespace QNet.Network.Entanglement;

/// <summary>
/// Entanglement purification between the two ends of a pair: of a whole path (end-to-end scope) or of
/// one link (link scope, before the pair may be swapped). <c>recurrence</c>: two pairs of
/// the same round are purified into one of the next round (needs rounds + 1 slots at each end). <c>pumping</c>: one
/// pair is purified again and again with fresh pairs (needs 2 slots at each end). Each round sacrifices one pair;
/// the ends exchange their measurement results over the path, so the kept pair waits (and decoheres)
/// one one-way delay between the two ends before its fate is known. A pair is done after <c>rounds</c> rounds or as soon
/// as it reaches the target fidelity.
/// </summary>
internal sealed class PurificationBuffer : IEventHandler
{
    private sealed class Held
    {
        public long Handle;
        public BellDiagonalState State;
        public long StateTime;
        public int Round;
        public long Born;
    }

    private readonly Simulator _sim;
    private readonly RandomStream _random;
    private readonly PurificationSpec _spec;
    private readonly QuantumMemory _memoryA;
    private readonly QuantumMemory _memoryB;
    private readonly long _delay;
    private readonly Action<long, BellDiagonalState, long> _done;    // handle, state, born
    private readonly Action<long> _release;                          // pair measured or lost: its slots are free
    private readonly Action? _failed;                                // a round failed
    private readonly List<Held>[] _waiting;                          // recurrence: pairs waiting for a partner, by round
    private readonly Dictionary<long, (Held Kept, bool Success)> _inFlight = [];
    private readonly Queue<Held> _fresh = new();
    private Held? _pumped;
    private bool _pumpInFlight;
    private long _nextOperation;

    public PurificationBuffer(Simulator simulator, string key, PurificationSpec spec, QuantumMemory memoryA, QuantumMemory memoryB,
        SimTime endToEndDelay, Action<long, BellDiagonalState, long> done, Action<long> release, Action? failed = null)
    {
        _failed = failed;
        _sim = simulator;
        _random = simulator.StreamFor(key + ":purification");
        _spec = spec;
        _memoryA = memoryA;
        _memoryB = memoryB;
        _delay = endToEndDelay.Picoseconds;
        _done = done;
        _release = release;
        _waiting = Enumerable.Range(0, spec.Rounds).Select(_ => new List<Held>()).ToArray();
    }

    /// <summary>Purification rounds attempted.</summary>
    public long Attempts { get; private set; }

    /// <summary>Purification rounds that failed (both pairs lost).</summary>
    public long Failures { get; private set; }

    /// <summary>
    /// Slots each end needs for this policy: 2 for pumping; rounds + 1 for recurrence (one pair waits at
    /// each round while a fresh one is made).
    /// </summary>
    public static int EndSlotsNeeded(PurificationSpec spec) =>
        spec.Mode == PurificationMode.Pumping ? 2 : spec.Rounds + 1;

    /// <summary>A fresh end-to-end pair arrived (released later through <paramref name="handle"/>).</summary>
    public void Offer(long handle, BellDiagonalState state, long born)
    {
        var fresh = new Held { Handle = handle, State = state, StateTime = _sim.Now.Picoseconds, Round = 0, Born = born };
        if (Reached(fresh))
        {
            _done(handle, state, born);
            return;
        }
        Place(fresh);
    }

    /// <inheritdoc />
    public void OnEvent(int kind, long argument)
    {
        (Held kept, bool success) = _inFlight[argument];
        _inFlight.Remove(argument);
        _pumpInFlight = false;
        if (!success)
        {
            Failures++;
            _failed?.Invoke();
            _release(kept.Handle);
        }
        else
        {
            kept.Round++;
            if (kept.Round >= _spec.Rounds || Reached(kept))
            {
                _done(kept.Handle, Advance(kept), kept.Born);
            }
            else
            {
                Place(kept);
                return;
            }
        }
        if (_spec.Mode == PurificationMode.Pumping)
        {
            TryPump();
        }
    }

    private void Place(Held pair)
    {
        if (_spec.Mode == PurificationMode.Pumping)
        {
            if (pair.Round == 0 && !ReferenceEquals(pair, _pumped))
            {
                _fresh.Enqueue(pair);
            }
            else
            {
                _pumped = pair;
            }
            TryPump();
            return;
        }
        List<Held> queue = _waiting[pair.Round];
        if (queue.Count == 0)
        {
            queue.Add(pair);
            return;
        }
        Held partner = queue[0];
        queue.RemoveAt(0);
        Purify(partner, pair);
    }

    // Pumping: one pair at a time is purified with the next fresh pair; others queue.
    private void TryPump()
    {
        if (_pumpInFlight)
        {
            return;
        }
        if (_pumped is null)
        {
            if (!_fresh.TryDequeue(out _pumped))
            {
                return;
            }
        }
        if (!_fresh.TryDequeue(out Held? fresh))
        {
            return;
        }
        Held kept = _pumped;
        _pumped = null;
        _pumpInFlight = true;
        Purify(kept, fresh);
    }

    private void Purify(Held kept, Held sacrificed)
    {
        Attempts++;
        BellDiagonalState a = Advance(kept), b = Advance(sacrificed);
        PurificationResult result = _spec.Scheme == PurificationScheme.Dejmps
            ? DejmpsPurification.Apply(a, b)
            : BbpsswPurification.Apply(a, b);
        bool success = _random.NextDouble() < result.SuccessProbability;
        _release(sacrificed.Handle); // measured at once
        kept.Born = Math.Min(kept.Born, sacrificed.Born);
        long now = _sim.Now.Picoseconds;
        if (success)
        {
            // The kept pair waits one end-to-end delay for the other end's result, decohering meanwhile.
            kept.State = result.State;
            kept.StateTime = now;
        }
        long id = _nextOperation++;
        _inFlight[id] = (kept, success);
        _sim.ScheduleAt(new SimTime(now + _delay), this, 0, id);
    }

    private bool Reached(Held pair) => _spec.TargetFidelity is { } target && Advance(pair).Fidelity >= target;

    private BellDiagonalState Advance(Held pair)
    {
        long now = _sim.Now.Picoseconds;
        if (now > pair.StateTime)
        {
            double s = (now - pair.StateTime) / 1e12;
            pair.State = pair.State.Decohere(s, _memoryA.T1Seconds, _memoryA.T2Seconds).Decohere(s, _memoryB.T1Seconds, _memoryB.T2Seconds);
            pair.StateTime = now;
        }
        return pair.State;
    }
}
