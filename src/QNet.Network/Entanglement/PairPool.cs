namespace QNet.Network.Entanglement;

/// <summary>
/// Recycles <see cref="VirtualPair"/> objects, so a long run allocates none per pair, and packs a pair
/// into a <c>long</c> handle (id and generation) that goes stale once the pair is returned.
/// </summary>
internal sealed class PairPool
{
    private readonly List<VirtualPair> _all = [];
    private readonly Stack<VirtualPair> _free = new();

    /// <summary>A live pair between two positions.</summary>
    public VirtualPair Rent(int left, int right)
    {
        if (!_free.TryPop(out VirtualPair? p))
        {
            p = new VirtualPair { Id = _all.Count };
            _all.Add(p);
        }
        p.Alive = true;
        p.Buffered = false;
        p.Left = left;
        p.Right = right;
        p.Interior = null;
        return p;
    }

    /// <summary>Returns a pair; its handles go stale.</summary>
    public void Return(VirtualPair p)
    {
        p.Alive = false;
        p.Generation++;
        _free.Push(p);
    }

    /// <summary>The pair's handle.</summary>
    public static long Pack(VirtualPair p) => ((long)p.Generation << 32) | (uint)p.Id;

    /// <summary>The live pair a handle names, or null when it is stale.</summary>
    public VirtualPair? Unpack(long handle)
    {
        int id = (int)(handle & 0xFFFFFFFF);
        if ((uint)id >= (uint)_all.Count)
        {
            return null;
        }
        VirtualPair p = _all[id];
        return p.Alive && p.Generation == (int)(handle >> 32) ? p : null;
    }
}
