namespace QNet.Network.Entanglement;

/// <summary>
/// The pairs of one path as structs in one flat array (<see cref="PairRecord"/>, 64 bytes each), recycled through a
/// free stack so a long run allocates nothing per pair. A pair is named by its index; a <c>long</c> handle adds the
/// index's generation, which changes every time the index is returned, so a stale handle (of a pending event or a
/// consumer) is detected. What only events and purification read (generation, alive, buffered, interior) is kept
/// apart from the records, so the swapping path touches one record per pair.
/// </summary>
internal sealed class PairStore
{
    private struct Tag
    {
        public int Generation;   // incremented every time the index is returned
        public bool Alive;       // not yet swapped, released, discarded or lost
        public bool Buffered;    // waits in its link's purification buffer (not swappable, no cutoff)
    }

    private PairRecord[] _records;
    private Tag[] _tags;
    private List<int>?[]? _interior;
    private int[] _free;
    private int _freeCount;
    private int _count;

    /// <summary>A store with room for <paramref name="capacity"/> pairs before it grows.</summary>
    public PairStore(int capacity)
    {
        capacity = Math.Max(4, capacity);
        _records = new PairRecord[capacity];
        _tags = new Tag[capacity];
        _free = new int[capacity];
    }

    /// <summary>The record of pair <paramref name="id"/>; valid until the next <see cref="Rent"/>, which may move the records.</summary>
    public ref PairRecord this[int id] => ref _records[id];

    /// <summary>A live pair between two positions: the most recently returned index, or a new one.</summary>
    public int Rent(int left, int right)
    {
        int id;
        if (_freeCount > 0)
        {
            id = _free[--_freeCount];
        }
        else
        {
            id = _count++;
            if (id == _records.Length)
            {
                Grow();
            }
        }
        ref Tag tag = ref _tags[id];
        tag.Alive = true;
        tag.Buffered = false;
        ref PairRecord p = ref _records[id];
        p.Left = left;
        p.Right = right;
        if (_interior is not null)
        {
            _interior[id] = null;
        }
        return id;
    }

    /// <summary>Returns a pair; its handles go stale.</summary>
    public void Return(int id)
    {
        ref Tag tag = ref _tags[id];
        tag.Alive = false;
        tag.Generation++;
        _free[_freeCount++] = id;   // at most _count indices are ever free, and _free is as long as _records
    }

    /// <summary>Asks the record of pair <paramref name="id"/> into the cache (both lines it may straddle); a hint only.</summary>
    public void Prefetch(int id) => Hint.Prefetch(ref _records[id], lines: 2);

    /// <summary>The pair's handle: generation in the high 32 bits, index in the low.</summary>
    public long Pack(int id) => ((long)_tags[id].Generation << 32) | (uint)id;

    /// <summary>The live pair a handle names, or false when the handle is stale.</summary>
    public bool TryUnpack(long handle, out int id)
    {
        id = (int)(handle & 0xFFFFFFFF);
        return (uint)id < (uint)_count && _tags[id].Alive && _tags[id].Generation == (int)(handle >> 32);
    }

    /// <summary>Whether the pair waits in its link's purification buffer.</summary>
    public bool IsBuffered(int id) => _tags[id].Buffered;

    /// <summary>Marks the pair as waiting in (or out of) its link's purification buffer.</summary>
    public void SetBuffered(int id, bool buffered) => _tags[id].Buffered = buffered;

    /// <summary>
    /// Repeater positions whose slots the pair keeps occupied although they were swapped (only without pipelining:
    /// the covered segments stay idle until the pair is gone); null for none.
    /// </summary>
    public List<int>? InteriorOf(int id) => _interior?[id];

    /// <summary>Sets the pair's interior positions (see <see cref="InteriorOf"/>).</summary>
    public void SetInterior(int id, List<int>? interior)
    {
        if (interior is null && _interior is null)
        {
            return;
        }
        _interior ??= new List<int>?[_records.Length];
        _interior[id] = interior;
    }

    private void Grow()
    {
        int capacity = _records.Length * 2;
        Array.Resize(ref _records, capacity);
        Array.Resize(ref _tags, capacity);
        Array.Resize(ref _free, capacity);
        if (_interior is not null)
        {
            Array.Resize(ref _interior, capacity);
        }
    }
}
