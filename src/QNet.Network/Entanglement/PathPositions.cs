namespace QNet.Network.Entanglement;

/// <summary>
/// The positions of a path (<see cref="PathSite"/>: memory, delays and two pair shelves each) and, per position, the
/// stored pairs with one end there, oldest first, on two shelves: the pairs to its left (whose right end is here) and the
/// pairs to its right (whose left end is here). A shelf's count and oldest pair sit in the position's entry; further
/// places, when a side has more than one slot, in one flat array with a fixed number of places per side (the most slots a
/// side can have, since every stored pair holds a slot at each end).
/// </summary>
internal sealed class PathPositions
{
    private readonly PathSite[] _sites;
    private int[] _more;   // per position and side, places 1.. of its shelf, _places - 1 each
    private int _places;

    /// <summary>Positions <c>0…positions−1</c> with empty shelves of <paramref name="placesEach"/> places a side to begin with.</summary>
    public PathPositions(int positions, int placesEach)
    {
        _sites = new PathSite[positions];
        _places = Math.Max(1, placesEach);
        _more = new int[positions * 2 * (_places - 1)];
    }

    /// <summary>The entry of a position.</summary>
    public ref PathSite this[int position] => ref _sites[position];

    /// <summary>Asks the entry of <paramref name="position"/> into the cache (both lines it may straddle); a hint only.</summary>
    public void Prefetch(int position) => Hint.Prefetch(ref _sites[position], lines: 2);

    /// <summary>Pairs stored on one side of <paramref name="position"/>.</summary>
    public int CountAt(int position, PairSide side) => side == PairSide.Left ? _sites[position].LeftCount : _sites[position].RightCount;

    /// <summary>The <paramref name="index"/>-th oldest pair stored on one side of <paramref name="position"/>.</summary>
    public int At(int position, PairSide side, int index) => Place(position, side, index);

    /// <summary>Stores a pair last (newest) on one side of a position.</summary>
    public void Add(int position, PairSide side, int pair)
    {
        ref PathSite site = ref _sites[position];
        ref int count = ref side == PairSide.Left ? ref site.LeftCount : ref site.RightCount;
        if (count == _places)
        {
            Widen();
        }
        Place(position, side, count) = pair;
        count++;
    }

    /// <summary>Removes a pair from one side of a position, keeping the others in order; nothing when it is not there.</summary>
    public void Remove(int position, PairSide side, int pair)
    {
        ref PathSite site = ref _sites[position];
        ref int count = ref side == PairSide.Left ? ref site.LeftCount : ref site.RightCount;
        for (int i = 0; i < count; i++)
        {
            if (Place(position, side, i) == pair)
            {
                for (int k = i; k < count - 1; k++)
                {
                    Place(position, side, k) = Place(position, side, k + 1);
                }
                count--;
                return;
            }
        }
    }

    private ref int Place(int position, PairSide side, int index)
    {
        if (index == 0)
        {
            ref PathSite site = ref _sites[position];
            return ref side == PairSide.Left ? ref site.LeftFirst : ref site.RightFirst;
        }
        return ref _more[(position * 2 + (int)side) * (_places - 1) + index - 1];
    }

    // More pairs on one side than places (not expected while stored pairs hold slots): double every shelf.
    private void Widen()
    {
        int places = _places * 2;
        var more = new int[_sites.Length * 2 * (places - 1)];
        for (int shelf = 0; shelf < _sites.Length * 2; shelf++)
        {
            Array.Copy(_more, shelf * (_places - 1), more, shelf * (places - 1), _places - 1);
        }
        _more = more;
        _places = places;
    }
}
