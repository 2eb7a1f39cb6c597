namespace QNet.Qkd.PostProcessing.Cascade;

/// <summary>
/// Bob's side of Cascade (Brassard and Salvail, EUROCRYPT 1993): in each pass he compares his
/// block parities with Alice's, binary-searches every block of odd relative parity for one error
/// by asking her sub-block parities, and flips it. A flip changes the parity of the blocks holding
/// that bit in every earlier pass; those that become odd are searched too (the cascade), until
/// no known block is odd. Alice's parities of whole blocks are remembered, so re-searching an
/// earlier pass's block costs only its binary search.
/// </summary>
internal sealed class CascadeCorrector
{
    private readonly CascadePermutations _permutations;
    private readonly byte[][] _shuffled;
    private readonly byte[] _key;

    private readonly long _maxFlips;

    /// <summary>Bob's key; corrected in place by <see cref="Run"/>, which gives up after <paramref name="maxFlips"/> flips.</summary>
    public CascadeCorrector(byte[] key, CascadePermutations permutations, long maxFlips)
    {
        _maxFlips = maxFlips;
        _key = key;
        _permutations = permutations;
        _shuffled = permutations.Shuffle(key);
    }

    /// <summary>Bits Bob flipped.</summary>
    public long CorrectedBits { get; private set; }

    /// <summary>
    /// Runs every pass against Alice's <paramref name="alice"/> and corrects the key given to the constructor; false
    /// if it gave up. A consistent exchange flips each differing bit once; parities built on other shuffles than Bob's
    /// can keep some block odd forever, and the flip bound given to the constructor stops that.
    /// </summary>
    public bool Run(CascadeResponder alice)
    {
        int passes = _permutations.Passes;
        var odd = new bool[passes][];
        var pending = new Stack<(int Pass, int Block)>[passes];
        for (int p = 0; p < passes; p++)
        {
            pending[p] = new Stack<(int, int)>();
        }
        for (int p = 0; p < passes; p++)
        {
            int size = _permutations.BlockSizes[p];
            byte[] aliceParities = alice.BlockParities(p, size);
            byte[] s = _shuffled[p];
            odd[p] = new bool[aliceParities.Length];
            for (int b = 0; b < aliceParities.Length; b++)
            {
                int start = b * size;
                int mine = BitParity.Of(s.AsSpan(start, Math.Min(size, _permutations.Length - start)));
                if (mine != aliceParities[b])
                {
                    odd[p][b] = true;
                    pending[p].Push((p, b));
                }
            }
            // Work on the smallest blocks first: their binary searches are cheapest.
            for (int q = 0; q <= p;)
            {
                if (pending[q].Count == 0)
                {
                    q++;
                    continue;
                }
                var (pass, block) = pending[q].Pop();
                if (!odd[pass][block])
                {
                    continue;
                }
                if (CorrectedBits >= _maxFlips)
                {
                    return false;
                }
                int original = FindError(alice, pass, block);
                Flip(original);
                for (int r = 0; r <= p; r++)
                {
                    int blockOfBit = _permutations.Position[r][original] / _permutations.BlockSizes[r];
                    odd[r][blockOfBit] = !odd[r][blockOfBit];
                    if (odd[r][blockOfBit])
                    {
                        pending[r].Push((r, blockOfBit));
                    }
                }
                q = 0;
            }
        }
        return true;
    }

    private int FindError(CascadeResponder alice, int pass, int block)
    {
        int size = _permutations.BlockSizes[pass];
        byte[] s = _shuffled[pass];
        int start = block * size;
        int end = Math.Min(start + size, _permutations.Length);
        while (end - start > 1)
        {
            int mid = start + (end - start) / 2;
            int theirs = alice.Parity(pass, start, mid);
            int mine = BitParity.Of(s.AsSpan(start, mid - start));
            if (theirs != mine)
            {
                end = mid;
            }
            else
            {
                start = mid;
            }
        }
        return _permutations.Order[pass][start];
    }

    private void Flip(int original)
    {
        _key[original] ^= 1;
        for (int p = 0; p < _shuffled.Length; p++)
        {
            _shuffled[p][_permutations.Position[p][original]] ^= 1;
        }
        CorrectedBits++;
    }
}
