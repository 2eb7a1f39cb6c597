namespace QNet.Network.Switching;

/// <summary>
/// The memory slots of one leaf at the switch: stored qubits in arrival order (a ring), each with the
/// time it is discarded (loss or cut-off, whichever is first; <see cref="long.MaxValue"/> for never).
/// Discards are applied lazily, before the buffer is next read, which is exact because decisions are
/// taken only at events. Times are picoseconds of simulated time.
/// </summary>
internal sealed class LeafBuffer
{
    private readonly int _capacity;
    private long[] _arrival;
    private long[] _discard;
    private bool[] _byCutoff;
    private int _head;
    private int _count;
    private long _nextDiscard = long.MaxValue;

    public LeafBuffer(int capacity)
    {
        _capacity = capacity;
        int initial = Math.Min(capacity, 16);
        _arrival = new long[initial];
        _discard = new long[initial];
        _byCutoff = new bool[initial];
    }

    /// <summary>Qubits stored now (call <see cref="DiscardDue"/> first).</summary>
    public int Count => _count;

    public bool IsFull => _count == _capacity;

    /// <summary>Arrival time of the oldest stored qubit; only when <see cref="Count"/> &gt; 0.</summary>
    public long OldestArrival => _arrival[_head];

    /// <summary>Σ over qubits that left of their storage time, in ps (the integral of occupancy over time).</summary>
    public double OccupancyIntegral { get; private set; }

    /// <summary>Qubits lost to the exponential lifetime.</summary>
    public long Lost { get; private set; }

    /// <summary>Qubits discarded by the cut-off.</summary>
    public long Expired { get; private set; }

    /// <summary>Stores a qubit arriving at <paramref name="now"/>; the caller checks <see cref="IsFull"/>.</summary>
    public void Add(long now, long discard, bool byCutoff)
    {
        if (_count == _arrival.Length)
        {
            Grow();
        }
        int slot = Physical(_count);
        _arrival[slot] = now;
        _discard[slot] = discard;
        _byCutoff[slot] = byCutoff;
        _count++;
        _nextDiscard = Math.Min(_nextDiscard, discard);
    }

    /// <summary>Takes the oldest qubit out at <paramref name="now"/> and returns its storage time in ps.</summary>
    public long TakeOldest(long now)
    {
        long age = now - _arrival[_head];
        OccupancyIntegral += age;
        _head = (_head + 1) % _arrival.Length;
        _count--;
        if (_count == 0)
        {
            _nextDiscard = long.MaxValue;
        }
        return age;
    }

    /// <summary>Removes every qubit whose discard time is at or before <paramref name="now"/>.</summary>
    public void DiscardDue(long now)
    {
        if (now < _nextDiscard)
        {
            return;
        }
        long next = long.MaxValue;
        for (int i = 0; i < _count; i++)
        {
            int slot = Physical(i);
            if (_discard[slot] > now)
            {
                next = Math.Min(next, _discard[slot]);
                continue;
            }
            OccupancyIntegral += _discard[slot] - _arrival[slot];
            if (_byCutoff[slot])
            {
                Expired++;
            }
            else
            {
                Lost++;
            }
            RemoveAt(i);
            i--;
        }
        _nextDiscard = next;
    }

    /// <summary>Ends the run at <paramref name="end"/>: due discards are applied, and the rest count their storage so far.</summary>
    public void Finish(long end)
    {
        DiscardDue(end);
        for (int i = 0; i < _count; i++)
        {
            OccupancyIntegral += end - _arrival[Physical(i)];
        }
    }

    // Shifts the qubits older than logical index i one place towards the tail, then drops the head.
    private void RemoveAt(int index)
    {
        for (int m = index; m > 0; m--)
        {
            int to = Physical(m), from = Physical(m - 1);
            _arrival[to] = _arrival[from];
            _discard[to] = _discard[from];
            _byCutoff[to] = _byCutoff[from];
        }
        _head = (_head + 1) % _arrival.Length;
        _count--;
    }

    private int Physical(int logical) => (_head + logical) % _arrival.Length;

    private void Grow()
    {
        int size = (int)Math.Min(_capacity, 2L * _arrival.Length);
        var arrival = new long[size];
        var discard = new long[size];
        var byCutoff = new bool[size];
        for (int i = 0; i < _count; i++)
        {
            int slot = Physical(i);
            arrival[i] = _arrival[slot];
            discard[i] = _discard[slot];
            byCutoff[i] = _byCutoff[slot];
        }
        (_arrival, _discard, _byCutoff, _head) = (arrival, discard, byCutoff, 0);
    }
}
