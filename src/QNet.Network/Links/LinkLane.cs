using System.Numerics;
using System.Runtime.CompilerServices;
using QNet.Kernel;
using QNet.Network.Entanglement;

namespace QNet.Network.Links;

/// <summary>
/// The pending events of many link runtimes (a long path's heralds), of which only the earliest sits in the simulator's
/// queue. Each event takes its sequence number from the simulator when it is added (<see cref="Simulator.ReserveSequence"/>)
/// and keeps its time and priority, so it runs at exactly the (time, priority, sequence) it would have had as an event of
/// its own: the order of events, and so every result, is the same with or without the lane. Link events are never
/// cancelled (a stopped link ignores its own), so the lane needs no cancellation.
/// </summary>
/// <remarks>
/// A timing wheel: buckets of a power-of-two width (about the links' attempt cycle, so a chain's heralds, which fall on a
/// common grid, fill a bucket per grid instant) in a ring covering a span ahead, and a heap by time for the rare event
/// beyond it. Adding appends to a bucket; when the front bucket is used up, the next non-empty one (a bitmap finds it) is
/// sorted by (time, priority, sequence) and read in order. An event added into the front bucket's interval is put in its
/// sorted place. Against one heap of every link's event (10⁴ in a 10,000-node chain, a descent that waits on memory at
/// each level), a pop is a read of the next entry in an array, and the entries after it name the links to prefetch.
/// </remarks>
internal sealed class LinkLane : IEventHandler
{
    private const int MinBuckets = 64; // the bitmap's word
    private const int LookAhead = 3;   // events between a link's prefetch and its event

    private struct Entry
    {
        public long Time;     // ps
        public long Sequence;
        public int Priority;
        public int Link;      // index in _links
        public int Channel;
        public int Kind;
    }

    private readonly Simulator _sim;
    private Action<int, int>? _upcoming;
    private HeraldedLink[] _links = new HeraldedLink[16];
    private int _linkCount;
    private readonly int _shift;     // log2 of a bucket's width in ps
    private readonly int _mask;      // buckets − 1
    private readonly long _span;     // buckets × width, ps
    private readonly Entry[]?[] _buckets;
    private readonly int[] _counts;
    private readonly ulong[] _occupied; // a bit per non-empty bucket
    private int _wheelCount;            // entries in the buckets
    // Due at or after _base + _span, in (time, priority, sequence) order, so that a bucket they are moved into (always an
    // empty one, before any entry is added to it directly) holds equal-key entries in sequence order.
    private readonly PriorityQueue<Entry, (long Time, int Priority, long Sequence)> _beyond = new();
    private Entry[] _front = new Entry[64]; // sorted; [_next, _frontCount) pending: every entry due before _base + width
    private Entry[] _scratch = [];          // the radix sort's other half
    private int _frontCount;
    private int _next;
    private long _base;                 // start of the front bucket's interval, a multiple of the width
    private int _cursor;                // the front bucket's index
    private bool _armed;
    private bool _dispatching;
    private EventHandle _armedEvent;
    private Entry _armedEntry;

    /// <summary>A lane whose buckets are 2^<paramref name="widthLog2"/> ps wide, 2^<paramref name="bucketsLog2"/> of them.</summary>
    public LinkLane(Simulator simulator, int widthLog2, int bucketsLog2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(widthLog2);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketsLog2, BitOperations.Log2(MinBuckets));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(widthLog2 + bucketsLog2, 60);
        _sim = simulator;
        _shift = widthLog2;
        int buckets = 1 << bucketsLog2;
        _mask = buckets - 1;
        _span = (long)buckets << widthLog2;
        _buckets = new Entry[buckets][];
        _counts = new int[buckets];
        _occupied = new ulong[buckets / 64];
        _base = simulator.Now.Picoseconds >> _shift << _shift;
        _cursor = (int)(_base >> _shift) & _mask;
    }

    /// <summary>
    /// A lane sized for links with these attempt cycles and mean times from the start of a run of attempts to its herald
    /// (ps): buckets about one cycle wide (a power of two no wider than the shortest), spanning twice the longest mean wait.
    /// </summary>
    public static LinkLane For(Simulator simulator, long shortestCycle, long longestMeanWait)
    {
        int widthLog2 = Math.Clamp(BitOperations.Log2((ulong)Math.Max(1, shortestCycle)), 0, 44);
        long buckets = Math.Max(1, Math.Min(longestMeanWait, long.MaxValue / 2) * 2 >> widthLog2);
        int bucketsLog2 = Math.Clamp(BitOperations.Log2((ulong)buckets - 1) + 1, 6, Math.Min(16, 60 - widthLog2));
        return new LinkLane(simulator, widthLog2, bucketsLog2);
    }

    /// <summary>log2 of a bucket's width in ps.</summary>
    public int WidthLog2 => _shift;

    /// <summary>log2 of the number of buckets.</summary>
    public int BucketsLog2 => BitOperations.Log2((uint)_mask + 1);

    /// <summary>Events held, the one in the simulator's queue included.</summary>
    public int Count => _frontCount - _next + _wheelCount + _beyond.Count;

    /// <summary>Takes <paramref name="link"/> into the lane; the number returned names it in <see cref="Add"/>.</summary>
    public int Join(HeraldedLink link)
    {
        if (_linkCount == _links.Length)
        {
            Array.Resize(ref _links, _linkCount * 2);
        }
        _links[_linkCount] = link;
        return _linkCount++;
    }

    /// <summary>
    /// Adds the event (<paramref name="kind"/>, <paramref name="channel"/>) of link <paramref name="link"/> at
    /// <paramref name="time"/> ps (not in the past) and <paramref name="priority"/>, taking its sequence now.
    /// </summary>
    public void Add(long time, int priority, int link, int kind, int channel)
    {
        if (time < _sim.Now.Picoseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Cannot schedule in the past (now {_sim.Now}).");
        }
        var entry = new Entry { Time = time, Sequence = _sim.ReserveSequence(), Priority = priority, Link = link, Channel = channel, Kind = kind };
        if (time - _base < (1L << _shift))
        {
            InsertFront(entry);
        }
        else if (time - _base < _span)
        {
            Append(entry);
        }
        else
        {
            _beyond.Enqueue(entry, (time, priority, entry.Sequence));
        }
        if (_dispatching)
        {
            return; // the lane queues its front when the running event returns
        }
        if (!_armed)
        {
            Arm();
        }
        else if (Before(entry, _armedEntry))
        {
            // Earlier than the queued one (a link released by an event that is not the lane's): queue this one instead.
            _sim.Cancel(_armedEvent);
            _armed = false;
            Arm();
        }
    }

    /// <summary>
    /// Called with a link's number some events before its event runs, twice: stage 0 about six events before, stage 1
    /// about three; the links' owner asks into the cache what that event will read, in two steps (what stage 1 reads to
    /// know what else to ask for is what stage 0 asked for).
    /// </summary>
    public void OnUpcoming(Action<int, int> upcoming) => _upcoming = upcoming;

    /// <inheritdoc />
    public void OnEvent(int kind, long argument)
    {
        Entry entry = _front[_next++];
        _armed = false;
        // The sorted front bucket names the links whose events come next, each cold in a long path: the link six events
        // on is asked for now (its first six lines: all of a one-channel link runtime), and its entry in the link table
        // three events further ahead, so that reading it then does not wait either.
        int near = _next + LookAhead;
        if (near < _frontCount && _upcoming is { } upcoming)
        {
            upcoming(_front[near].Link, 1);
            int far = near + LookAhead;
            if (far < _frontCount)
            {
                int link = _front[far].Link;
                Hint.Prefetch(_links[link], lines: 6);
                upcoming(link, 0);
                if (far + LookAhead < _frontCount)
                {
                    Hint.Prefetch(ref _links[_front[far + LookAhead].Link], lines: 1);
                }
            }
        }
        _dispatching = true;
        _links[entry.Link].OnEvent(entry.Kind, entry.Channel);
        _dispatching = false;
        Arm();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in Entry a, in Entry b) =>
        a.Time != b.Time ? a.Time < b.Time
        : a.Priority != b.Priority ? a.Priority < b.Priority
        : a.Sequence < b.Sequence;

    // Queues the front entry in the simulator with its reserved sequence.
    private void Arm()
    {
        while (_next == _frontCount)
        {
            if (_wheelCount == 0 && _beyond.Count == 0)
            {
                _next = _frontCount = 0;
                return;
            }
            Advance();
        }
        ref Entry first = ref _front[_next];
        _armedEvent = _sim.ScheduleReservedAt(new SimTime(first.Time), this, 0, 0, first.Priority, first.Sequence);
        _armedEntry = first;
        _armed = true;
    }

    // The front bucket is used up: the next non-empty one becomes the front, sorted.
    private void Advance()
    {
        _next = _frontCount = 0;
        if (_wheelCount == 0)
        {
            _base = _beyond.Peek().Time >> _shift << _shift;
            _cursor = (int)(_base >> _shift) & _mask;
        }
        else
        {
            int ahead = NextOccupied();
            _base += (long)ahead << _shift;
            _cursor = (_cursor + ahead) & _mask;
        }
        while (_beyond.TryPeek(out _, out var key) && key.Time - _base < _span)
        {
            Append(_beyond.Dequeue());
        }
        int count = _counts[_cursor];
        if (count == 0)
        {
            return;
        }
        Entry[] taken = _buckets[_cursor]!;
        _buckets[_cursor] = _front;
        _front = taken;
        _frontCount = count;
        _counts[_cursor] = 0;
        _occupied[_cursor >> 6] &= ~(1UL << _cursor);
        _wheelCount -= count;
        Sort(count);
    }

    // Sorts the new front bucket by (time, priority, sequence). A bucket holds entries of equal time and priority in
    // sequence order (those added directly come in sequence order, after any moved from beyond the wheel, which come in
    // key order), so a stable sort by (time, priority) is enough: a radix sort on the key (time − earliest,
    // priority − lowest), least significant byte first, two passes for a chain's bucket (one instant, priorities below
    // 2¹⁶). A key too wide for that takes the comparison sort.
    private void Sort(int count)
    {
        Span<Entry> entries = _front.AsSpan(0, count);
        long earliest = long.MaxValue, latest = long.MinValue;
        int lowest = int.MaxValue, highest = int.MinValue;
        foreach (ref readonly Entry entry in entries)
        {
            earliest = Math.Min(earliest, entry.Time);
            latest = Math.Max(latest, entry.Time);
            lowest = Math.Min(lowest, entry.Priority);
            highest = Math.Max(highest, entry.Priority);
        }
        int priorityBits = 64 - BitOperations.LeadingZeroCount((ulong)((long)highest - lowest));
        int timeBits = 64 - BitOperations.LeadingZeroCount((ulong)(latest - earliest));
        if (priorityBits + timeBits > 48)
        {
            entries.Sort(static (a, b) => Before(a, b) ? -1 : Before(b, a) ? 1 : 0);
            return;
        }
        if (_scratch.Length < count)
        {
            _scratch = new Entry[_front.Length];
        }
        Span<int> counts = stackalloc int[256];
        int bits = priorityBits + timeBits;
        Entry[] from = _front, to = _scratch;
        for (int shift = 0; shift < bits; shift += 8)
        {
            counts.Clear();
            for (int i = 0; i < count; i++)
            {
                counts[Digit(from[i], earliest, lowest, priorityBits, shift)]++;
            }
            int sum = 0;
            for (int d = 0; d < 256; d++)
            {
                (counts[d], sum) = (sum, sum + counts[d]);
            }
            for (int i = 0; i < count; i++)
            {
                to[counts[Digit(from[i], earliest, lowest, priorityBits, shift)]++] = from[i];
            }
            (from, to) = (to, from);
        }
        // The sorted entries are in from: it becomes the front, the other the scratch.
        _front = from;
        _scratch = to;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digit(in Entry entry, long earliest, int lowest, int priorityBits, int shift) =>
        (int)((((entry.Time - earliest) << priorityBits) | ((long)entry.Priority - lowest)) >> shift) & 0xFF;

    // Buckets from the front one to the next non-empty one (≥ 1); some bucket is non-empty.
    private int NextOccupied()
    {
        int words = _occupied.Length;
        int start = (_cursor + 1) & _mask;
        int word = start >> 6;
        ulong bits = _occupied[word] & (ulong.MaxValue << start);
        for (int scanned = 0; bits == 0; scanned++)
        {
            word = (word + 1) % words;
            bits = _occupied[word];
            if (scanned > words)
            {
                throw new InvalidOperationException("The link lane's bucket count is out of step with its buckets.");
            }
        }
        int found = (word << 6) + BitOperations.TrailingZeroCount(bits);
        return (found - _cursor) & _mask; // not 0: the front bucket's own is empty
    }

    private void Append(in Entry entry)
    {
        int bucket = (int)(entry.Time >> _shift) & _mask;
        Entry[]? entries = _buckets[bucket];
        int count = _counts[bucket];
        if (entries is null)
        {
            entries = _buckets[bucket] = new Entry[16];
        }
        else if (count == entries.Length)
        {
            Array.Resize(ref entries, count * 2);
            _buckets[bucket] = entries;
        }
        entries[count] = entry;
        _counts[bucket] = count + 1;
        _occupied[bucket >> 6] |= 1UL << bucket;
        _wheelCount++;
    }

    // An entry due within the front bucket's interval (or before it: the front bucket may lie ahead of the clock) goes in
    // its sorted place among the pending ones; its sequence is the largest so far, so it goes after every one not later.
    private void InsertFront(in Entry entry)
    {
        if (_frontCount == _front.Length)
        {
            Array.Resize(ref _front, _frontCount * 2);
        }
        int i = _frontCount;
        while (i > _next && Before(entry, _front[i - 1]))
        {
            _front[i] = _front[i - 1];
            i--;
        }
        _front[i] = entry;
        _frontCount++;
    }
}
