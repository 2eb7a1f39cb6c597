namespace QNet.Network.Entanglement;

/// <summary>
/// Per path position, the stored pairs with one end there, oldest first: one flat array with a fixed
/// number of places per position (the most slots a side can have, since every stored pair holds a slot
/// at each end), instead of a list object per position scattered over the heap.
/// </summary>
internal sealed class PositionShelves
{
    private VirtualPair?[] _items;
    private readonly int[] _counts;
    private int _stride;

    /// <summary>Shelves for <paramref name="positions"/> positions, <paramref name="placesEach"/> places each to begin with.</summary>
    public PositionShelves(int positions, int placesEach)
    {
        _stride = Math.Max(1, placesEach);
        _items = new VirtualPair?[positions * _stride];
        _counts = new int[positions];
    }

    /// <summary>Pairs stored at <paramref name="position"/>.</summary>
    public int CountAt(int position) => _counts[position];

    /// <summary>The <paramref name="index"/>-th oldest pair stored at <paramref name="position"/>.</summary>
    public VirtualPair At(int position, int index) => _items[position * _stride + index]!;

    /// <summary>Stores a pair last (newest) at a position.</summary>
    public void Add(int position, VirtualPair pair)
    {
        int count = _counts[position];
        if (count == _stride)
        {
            Widen();
        }
        _items[position * _stride + count] = pair;
        _counts[position] = count + 1;
    }

    /// <summary>Removes a pair from a position, keeping the others in order; nothing when it is not there.</summary>
    public void Remove(int position, VirtualPair pair)
    {
        int start = position * _stride;
        int count = _counts[position];
        for (int i = 0; i < count; i++)
        {
            if (ReferenceEquals(_items[start + i], pair))
            {
                for (int k = start + i; k < start + count - 1; k++)
                {
                    _items[k] = _items[k + 1];
                }
                _items[start + count - 1] = null;
                _counts[position] = count - 1;
                return;
            }
        }
    }

    // More pairs at one position than places (not expected while stored pairs hold slots): double every shelf.
    private void Widen()
    {
        int stride = _stride * 2;
        var items = new VirtualPair?[_counts.Length * stride];
        for (int p = 0; p < _counts.Length; p++)
        {
            Array.Copy(_items, p * _stride, items, p * stride, _counts[p]);
        }
        _items = items;
        _stride = stride;
    }
}
