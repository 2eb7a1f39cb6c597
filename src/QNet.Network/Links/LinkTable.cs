using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using QNet.Kernel;

namespace QNet.Network.Links;

/// <summary>
/// The hot state of a group of link runtimes (the links of one path, or a single link) in one block of line-aligned
/// <see cref="LinkHotState"/> entries, and the herald and restart code that works on it. The table is the links' event
/// target: an event's argument names the link (upper 32 bits) and its channel (lower 32), so a herald goes from the
/// queue to its entry without loading the link object, and the neighbours a swap wakes sit in the adjacent entries.
/// <see cref="HeraldedLink"/> stays the public face of each link and reads and writes its entry.
/// </summary>
internal sealed unsafe class LinkTable : IPrefetchingHandler
{
    private const int AttemptOutcomeEvent = 0;
    private const int HeraldEvent = 1;
    private const int Line = 64;

    private readonly Simulator _sim;
    private readonly byte[] _block;           // pinned: the entries never move
    private readonly LinkHotState* _entries;  // the first entry, line-aligned inside _block
    private readonly HeraldedLink[] _links;
    private ChannelState[] _more = [];        // channels 1.. of every link, each link's side by side
    private int _moreUsed;
    private readonly ILinkPairSink _sink;
    private readonly ILinkTableSink? _indexed;
    private readonly LinkEngine _engine;

    /// <summary>A table for <paramref name="count"/> links that all use <paramref name="engine"/> and deliver to <paramref name="sink"/>.</summary>
    public LinkTable(Simulator simulator, int count, LinkEngine engine, ILinkPairSink sink)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _sim = simulator;
        _engine = engine;
        _sink = sink;
        _indexed = sink as ILinkTableSink;
        _links = new HeraldedLink[count];
        _block = GC.AllocateArray<byte>((count * LinkHotState.Bytes) + Line - 1, pinned: true);
        // SAFETY: _block lives on the pinned object heap for as long as this table, which holds it; the first entry is
        // rounded up to a line inside it and count entries fit after it.
        byte* start = (byte*)Unsafe.AsPointer(ref _block[0]);
        _entries = (LinkHotState*)(((nuint)start + Line - 1) & ~(nuint)(Line - 1));
    }

    /// <summary>Links in the table.</summary>
    public int Count => _links.Length;

    /// <summary>The entry of link <paramref name="index"/>.</summary>
    public ref LinkHotState this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)_links.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            // SAFETY: index checked against the table's size; the block is pinned and alive with the table.
            return ref _entries[index];
        }
    }

    /// <summary>The link object of entry <paramref name="index"/>.</summary>
    public HeraldedLink LinkAt(int index) => _links[index];

    /// <summary>Records the link object that owns entry <paramref name="index"/> and makes room for its <paramref name="channels"/> channels.</summary>
    public void Attach(int index, HeraldedLink link, int channels)
    {
        _links[index] = link;
        this[index].MoreChannels = _moreUsed;
        _moreUsed += channels - 1;
        if (_moreUsed > _more.Length)
        {
            Array.Resize(ref _more, Math.Max(_moreUsed, 2 * _more.Length));
        }
    }

    /// <summary>The state of channel <paramref name="ch"/> of link <paramref name="index"/>.</summary>
    public ref ChannelState ChannelOf(int index, int ch) => ref StateOf(ref this[index], ch);

    /// <summary>The event argument that names channel <paramref name="channel"/> of link <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ArgumentOf(int index, int channel) => ((long)index << 32) | (uint)channel;

    /// <inheritdoc />
    /// <remarks>Every event of a link reads the whole of its entry (a herald all four lines, an attempt outcome the first two and, on success, the rest).</remarks>
    public void Prefetch(int kind, long argument)
    {
        int index = (int)(argument >> 32);
        if (!Sse.IsSupported || (uint)index >= (uint)_links.Length)
        {
            return;
        }
        // SAFETY: index checked against the table's size; a prefetch never faults and reads nothing into the program.
        byte* entry = (byte*)(_entries + index);
        Sse.Prefetch0(entry);
        Sse.Prefetch0(entry + Line);
        Sse.Prefetch0(entry + (2 * Line));
        Sse.Prefetch0(entry + (3 * Line));
    }

    /// <inheritdoc />
    public void OnEvent(int kind, long argument)
    {
        int index = (int)(argument >> 32);
        int ch = (int)argument;
        ref LinkHotState link = ref this[index];
        if (link.Stopped)
        {
            return;
        }
        if (kind == AttemptOutcomeEvent)
        {
            link.AttemptCount++;
            if (link.Random.NextDouble() < link.SuccessProbability)
            {
                Deliver(ref link, index, ch);
            }
            else
            {
                // The next attempt started one cycle after this one; its outcome is known a latency later.
                _sim.Schedule(new SimTime(link.Cycle), this, AttemptOutcomeEvent, argument, link.Priority);
            }
        }
        else
        {
            link.AttemptCount += StateOf(ref link, ch).PendingAttempts;
            Deliver(ref link, index, ch);
        }
    }

    /// <summary>Frees channel <paramref name="ch"/> of link <paramref name="index"/>, whose pair was consumed or discarded; it resumes attempting.</summary>
    public void Release(int index, int ch)
    {
        ref LinkHotState link = ref this[index];
        ref ChannelState state = ref StateOf(ref link, ch);
        if (link.Stopped)
        {
            state.Holding = false;
            return;
        }
        if (!state.Holding)
        {
            throw new InvalidOperationException($"Channel {ch} of link {_links[index].Id} holds no pair.");
        }
        state.Holding = false;
        state.Busy = false;
        BeginAttempts(ref link, index, ch);
    }

    /// <summary>Channel <paramref name="ch"/> of link <paramref name="index"/> starts a run of attempts now or at <paramref name="earliest"/>, whichever is later.</summary>
    public void StartAttempts(int index, int ch, long earliest) => StartAttempts(ref this[index], index, ch, earliest);

    /// <summary>Channel <paramref name="ch"/> of link <paramref name="index"/> asks for attempts: at once, or through its shared pool.</summary>
    public void BeginAttempts(int index, int ch) => BeginAttempts(ref this[index], index, ch);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ChannelState StateOf(ref LinkHotState link, int ch) =>
        ref ch == 0 ? ref link.First : ref _more[link.MoreChannels + ch - 1];

    private void BeginAttempts(ref LinkHotState link, int index, int ch)
    {
        if (link.Shared)
        {
            _links[index].RequestChannel(ch);
            return;
        }
        StartAttempts(ref link, index, ch, StateOf(ref link, ch).NextStart);
    }

    private void StartAttempts(ref LinkHotState link, int index, int ch, long earliest)
    {
        long now = _sim.Now.Picoseconds;
        long start = Math.Max(now, earliest);
        ref ChannelState state = ref StateOf(ref link, ch);
        state.Busy = true;
        if (_engine == LinkEngine.PerAttempt)
        {
            _sim.ScheduleAt(new SimTime(start + link.Latency), this, AttemptOutcomeEvent, ArgumentOf(index, ch), link.Priority);
            return;
        }
        long attempts = link.Random.NextGeometric(link.SuccessProbability, link.LogFailure);
        state.ChainStart = start;
        state.PendingAttempts = attempts;
        // A success so far off that it cannot be represented never happens within any run: (attempts − 1)·cycle beyond
        // the room left below the clock's horizon. The product in 128 bits is the same test as dividing the room by the
        // cycle (x > ⌊y / c⌋ ⇔ x·c > y for y ≥ 0, c > 0) without a 64-bit division on every run of attempts.
        long room = SimTime.Horizon.Picoseconds - start - link.Latency;
        ulong high = Math.BigMul((ulong)(attempts - 1), (ulong)link.Cycle, out ulong low);
        if (room < 0 || high != 0 || low > (ulong)room)
        {
            return;
        }
        long heraldAt = start + (attempts - 1) * link.Cycle + link.Latency;
        _sim.ScheduleAt(new SimTime(heraldAt), this, HeraldEvent, ArgumentOf(index, ch), link.Priority);
    }

    private void Deliver(ref LinkHotState link, int index, int ch)
    {
        long now = _sim.Now.Picoseconds;
        ref ChannelState state = ref StateOf(ref link, ch);
        // The successful attempt started one latency ago; the channel's next attempt may start a cycle after it.
        long nextStart = now - link.Latency + link.Cycle;
        state.NextStart = nextStart;
        link.PairCount++;
        bool dark = link.Origin.NextDouble() >= link.TrueHeraldFraction;
        if (dark)
        {
            link.DarkCountHeraldCount++;
        }
        link.FidelitySum += link.Delivered.Fidelity;
        link.HeraldingLatencySumSeconds += link.LatencySeconds;
        state.Holding = true;
        if (link.Shared)
        {
            // The pair now waits in the memory slots; the channel goes to the next in line, before this slot asks again.
            _links[index].ReturnChannel(ch, nextStart);
        }
        var pair = new LinkPair(ch, new SimTime(now), link.Delivered, dark);
        bool consumed = _indexed is not null ? _indexed.OnLinkPair(index, pair) : _sink.OnPair(_links[index], pair);
        if (consumed)
        {
            state.Holding = false;
            state.Busy = false;
            BeginAttempts(ref link, index, ch);
        }
    }
}
