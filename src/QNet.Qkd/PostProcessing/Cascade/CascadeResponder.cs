namespace QNet.Qkd.PostProcessing.Cascade;

/// <summary>
/// Alice's side of Cascade: she holds the reference key and answers parity questions over ranges of
/// a pass's shuffled key. Every parity she sends is public and counted as one leaked bit; every
/// question is one message from Bob (the round trip a real link pays for).
/// </summary>
internal sealed class CascadeResponder
{
    private readonly byte[][] _shuffled;
    private readonly int _length;

    public CascadeResponder(ReadOnlySpan<byte> key, CascadePermutations permutations)
    {
        _shuffled = permutations.Shuffle(key);
        _length = permutations.Length;
    }

    /// <summary>Parity bits disclosed so far.</summary>
    public long LeakedBits { get; private set; }

    /// <summary>Questions answered so far.</summary>
    public long Messages { get; private set; }

    /// <summary>Parities of consecutive blocks of <paramref name="blockSize"/> bits (the last may be shorter) of pass <paramref name="pass"/>, sent in one message.</summary>
    public byte[] BlockParities(int pass, int blockSize)
    {
        byte[] s = _shuffled[pass];
        int blocks = (_length + blockSize - 1) / blockSize;
        var parities = new byte[blocks];
        for (int b = 0; b < blocks; b++)
        {
            int start = b * blockSize;
            parities[b] = (byte)BitParity.Of(s.AsSpan(start, Math.Min(blockSize, _length - start)));
        }
        LeakedBits += blocks;
        Messages++;
        return parities;
    }

    /// <summary>Parity of positions [<paramref name="start"/>, <paramref name="end"/>) of pass <paramref name="pass"/>.</summary>
    public int Parity(int pass, int start, int end)
    {
        LeakedBits++;
        Messages++;
        return BitParity.Of(_shuffled[pass].AsSpan(start, end - start));
    }
}
