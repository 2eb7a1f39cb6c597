namespace QNet.Network.Entanglement;

/// <summary>
/// Per path position, the stored pairs with one end there, oldest first, on two shelves: the pairs to its left (whose
/// right end is here) and the pairs to its right (whose left end is here). One flat array of pair indices holds a block
/// per position, <c>[left count, right count, left places…, right places…]</c>, with a fixed number of places per side
/// (the most slots a side can have, since every stored pair holds a slot at each end), so both shelves of a position
/// and their counts share one cache line for one or two places.
/// </summary>
internal sealed class PositionShelves
{
    private int[] _blocks;
    private readonly int _positions;
    private int _places;
    private int _stride;

    /// <summary>Shelves for <paramref name="positions"/> positions, <paramref name="placesEach"/> places a side to begin with.</summary>
    public PositionShelves(int positions, int placesEach)
    {
        _positions = positions;
        _places = Math.Max(1, placesEach);
        _stride = 2 + 2 * _places;
        _blocks = new int[positions * _stride];
    }

    /// <summary>Pairs stored on one side of <paramref name="position"/>.</summary>
    public int CountAt(int position, PairSide side) => _blocks[position * _stride + (int)side];

    /// <summary>The <paramref name="index"/>-th oldest pair stored on one side of <paramref name="position"/>.</summary>
    public int At(int position, PairSide side, int index) => _blocks[position * _stride + 2 + (int)side * _places + index];

    /// <summary>Stores a pair last (newest) on one side of a position.</summary>
    public void Add(int position, PairSide side, int pair)
    {
        int count = _blocks[position * _stride + (int)side];
        if (count == _places)
        {
            Widen();
        }
        int block = position * _stride;
        _blocks[block + 2 + (int)side * _places + count] = pair;
        _blocks[block + (int)side] = count + 1;
    }

    /// <summary>Removes a pair from one side of a position, keeping the others in order; nothing when it is not there.</summary>
    public void Remove(int position, PairSide side, int pair)
    {
        int block = position * _stride;
        int start = block + 2 + (int)side * _places;
        int count = _blocks[block + (int)side];
        for (int i = 0; i < count; i++)
        {
            if (_blocks[start + i] == pair)
            {
                for (int k = start + i; k < start + count - 1; k++)
                {
                    _blocks[k] = _blocks[k + 1];
                }
                _blocks[block + (int)side] = count - 1;
                return;
            }
        }
    }

    // More pairs on one side than places (not expected while stored pairs hold slots): double every shelf.
    private void Widen()
    {
        int places = _places * 2;
        int stride = 2 + 2 * places;
        var blocks = new int[_positions * stride];
        for (int p = 0; p < _positions; p++)
        {
            int from = p * _stride, to = p * stride;
            blocks[to] = _blocks[from];
            blocks[to + 1] = _blocks[from + 1];
            Array.Copy(_blocks, from + 2, blocks, to + 2, _blocks[from]);
            Array.Copy(_blocks, from + 2 + _places, blocks, to + 2 + places, _blocks[from + 1]);
        }
        _blocks = blocks;
        _places = places;
        _stride = stride;
    }
}
