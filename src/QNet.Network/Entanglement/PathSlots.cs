using QNet.Network.Links;

namespace QNet.Network.Entanglement;

/// <summary>
/// The memory ledger of one path: slots per side of every position (capacity and occupied) and, per
/// link, how many channels attempt now and which wait for free slots. A link may attempt on as many
/// channels as it has free slots at both its ends; a freed slot wakes a waiting channel.
/// </summary>
internal sealed class PathSlots
{
    private readonly int[] _capacityLeft, _capacityRight, _occupiedLeft, _occupiedRight;
    private readonly int[] _attempting;
    private readonly Stack<int>[] _idle;
    private readonly HeraldedLink[] _links;

    public PathSlots(int segments, PathMemory memory, HeraldedLink[] links)
    {
        _links = links;
        _capacityLeft = new int[segments + 1];
        _capacityRight = new int[segments + 1];
        _occupiedLeft = new int[segments + 1];
        _occupiedRight = new int[segments + 1];
        for (int i = 0; i <= segments; i++)
        {
            bool end = i == 0 || i == segments;
            _capacityLeft[i] = i == 0 ? 0 : end ? memory.EndSlots : memory.RepeaterSlotsPerSide;
            _capacityRight[i] = i == segments ? 0 : end ? memory.EndSlots : memory.RepeaterSlotsPerSide;
        }
        _attempting = new int[segments];
        _idle = Enumerable.Range(0, segments).Select(_ => new Stack<int>()).ToArray();
    }

    /// <summary>Channels link <paramref name="link"/> can ever use: the smaller capacity of its two ends.</summary>
    public int ChannelsOf(int link) => Math.Min(_capacityRight[link], _capacityLeft[link + 1]);

    /// <summary>Every channel of every link starts attempting.</summary>
    public void StartAll()
    {
        for (int j = 0; j < _attempting.Length; j++)
        {
            _attempting[j] = _links[j].Channels;
        }
    }

    /// <summary>A channel of <paramref name="link"/> heralded: its pair now holds a slot at each end.</summary>
    public void Heralded(int link)
    {
        _attempting[link]--;
        _occupiedRight[link]++;
        _occupiedLeft[link + 1]++;
    }

    /// <summary>
    /// Whether the channel that just heralded may attempt again at once; if not, it waits until a slot
    /// at both ends of its link is free.
    /// </summary>
    public bool Continue(int link, int channel)
    {
        if (_attempting[link] < Available(link))
        {
            _attempting[link]++;
            return true;
        }
        _idle[link].Push(channel);
        return false;
    }

    /// <summary>Frees a slot on one side of a position and wakes a waiting channel of the link on that side.</summary>
    public void Free(int position, bool leftSide)
    {
        int link;
        if (leftSide)
        {
            _occupiedLeft[position]--;
            link = position - 1;
        }
        else
        {
            _occupiedRight[position]--;
            link = position;
        }
        while (_attempting[link] < Available(link) && _idle[link].TryPop(out int channel))
        {
            _attempting[link]++;
            _links[link].Release(channel);
        }
    }

    private int Available(int link) =>
        Math.Min(_capacityRight[link] - _occupiedRight[link], _capacityLeft[link + 1] - _occupiedLeft[link + 1]);
}
