using QNet.Network.Links;

namespace QNet.Network.Entanglement;

/// <summary>
/// The memory ledger of one path: slots per side of every position (capacity and occupied) and, per
/// link, how many channels attempt now and which wait for free slots. A link may attempt on as many
/// channels as it has free slots at both its ends; a freed slot wakes a waiting channel.
/// </summary>
/// <remarks>
/// Position <c>i</c> and the link to its right share one 24-byte entry, and every link's waiting channels
/// share one flat array, so a herald or a freed slot touches the two adjacent entries of its link.
/// </remarks>
internal sealed class PathSlots
{
    private struct Entry
    {
        public int CapacityLeft, CapacityRight, OccupiedLeft, OccupiedRight;
        public int Attempting;   // channels of the link to the right attempting now
        public int IdleCount;    // channels of the link to the right waiting for slots
    }

    private readonly Entry[] _entries;
    private readonly int[] _idle;             // per link, a stack of waiting channels, _stride places each
    private readonly int _stride;
    private readonly HeraldedLink[] _links;

    public PathSlots(int segments, PathMemory memory, HeraldedLink[] links)
    {
        _links = links;
        _entries = new Entry[segments + 1];
        for (int i = 0; i <= segments; i++)
        {
            bool end = i == 0 || i == segments;
            _entries[i].CapacityLeft = i == 0 ? 0 : end ? memory.EndSlots : memory.RepeaterSlotsPerSide;
            _entries[i].CapacityRight = i == segments ? 0 : end ? memory.EndSlots : memory.RepeaterSlotsPerSide;
        }
        _stride = 1;
        for (int j = 0; j < segments; j++)
        {
            _stride = Math.Max(_stride, ChannelsOf(j));
        }
        _idle = new int[segments * _stride];
    }

    /// <summary>Channels link <paramref name="link"/> can ever use: the smaller capacity of its two ends.</summary>
    public int ChannelsOf(int link) => Math.Min(_entries[link].CapacityRight, _entries[link + 1].CapacityLeft);

    /// <summary>Every channel of every link starts attempting.</summary>
    public void StartAll()
    {
        for (int j = 0; j < _links.Length; j++)
        {
            _entries[j].Attempting = _links[j].Channels;
        }
    }

    /// <summary>A channel of <paramref name="link"/> heralded: its pair now holds a slot at each end.</summary>
    public void Heralded(int link)
    {
        _entries[link].Attempting--;
        _entries[link].OccupiedRight++;
        _entries[link + 1].OccupiedLeft++;
    }

    /// <summary>
    /// Whether the channel that just heralded may attempt again at once; if not, it waits until a slot
    /// at both ends of its link is free.
    /// </summary>
    public bool Continue(int link, int channel)
    {
        ref Entry entry = ref _entries[link];
        if (entry.Attempting < Available(link))
        {
            entry.Attempting++;
            return true;
        }
        // A link never has more waiting channels than channels (≤ _stride), so the stack cannot overflow.
        _idle[link * _stride + entry.IdleCount++] = channel;
        return false;
    }

    /// <summary>Frees a slot on one side of a position and wakes a waiting channel of the link on that side.</summary>
    public void Free(int position, bool leftSide)
    {
        int link;
        if (leftSide)
        {
            _entries[position].OccupiedLeft--;
            link = position - 1;
        }
        else
        {
            _entries[position].OccupiedRight--;
            link = position;
        }
        ref Entry entry = ref _entries[link];
        while (entry.Attempting < Available(link) && entry.IdleCount > 0)
        {
            int channel = _idle[link * _stride + --entry.IdleCount];
            entry.Attempting++;
            _links[link].Release(channel);
        }
    }

    private int Available(int link) =>
        Math.Min(_entries[link].CapacityRight - _entries[link].OccupiedRight, _entries[link + 1].CapacityLeft - _entries[link + 1].OccupiedLeft);
}
