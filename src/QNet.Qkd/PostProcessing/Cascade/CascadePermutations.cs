using System.Buffers;
using QNet.Kernel;

namespace QNet.Qkd.PostProcessing.Cascade;

/// <summary>
/// The block sizes and bit shuffles of every Cascade pass, built identically by both parties from a
/// public seed. Pass 1 keeps the original order (errors are already spread at random); later passes
/// use a uniform random permutation, except passes whose one block spans the key. Permutations are
/// drawn by the Rao–Sandelius method, which keeps memory access local: every index goes to one of
/// 256 buckets uniformly at random (a counting scatter), then each bucket is shuffled by
/// Fisher–Yates in cache; the result is a uniform permutation. The per-pass index arrays (8 MB per pass on a
/// 10⁶-bit key) are rented from <see cref="ArrayPool{T}.Shared"/> and may be longer than <see cref="Length"/>:
/// only their first <see cref="Length"/> entries are meaningful. <see cref="Dispose"/> returns them, and the
/// shuffled keys handed out by <see cref="Shuffle"/>.
/// </summary>
internal sealed class CascadePermutations : IDisposable
{
    private readonly List<byte[]> _shuffles = [];

    public CascadePermutations(int length, double estimatedQber, ulong publicSeed, int passes)
    {
        Length = length;
        var random = new RandomStream(publicSeed);
        BlockSizes = new int[passes];
        Order = new int[passes][];
        Position = new int[passes][];
        // Block size of the first pass: Brassard–Salvail's 0.73/Q, at least 8 bits; doubled each pass.
        double q = Math.Max(estimatedQber, 1e-4);
        int k = (int)Math.Clamp(Math.Round(0.73 / q), 8, Math.Max(8, length));
        for (int p = 0; p < passes; p++)
        {
            BlockSizes[p] = Math.Min(k, length);
            k = k > length / 2 ? length : 2 * k;
            // A pass with a single block only needs the parity of the whole key: any order will do.
            var order = p > 0 && BlockSizes[p] < length ? RandomOrder(length, random) : Identity(length);
            var position = ArrayPool<int>.Shared.Rent(length);
            for (int i = 0; i < length; i++)
            {
                position[order[i]] = i;
            }
            Order[p] = order;
            Position[p] = position;
        }
    }

    public int Length { get; }

    /// <summary>Returns the rented index arrays to the pool; the permutation must not be used afterwards.</summary>
    public void Dispose()
    {
        foreach (byte[] shuffle in _shuffles)
        {
            // Shuffled copies of the raw key: wiped before anyone else can rent them.
            ArrayPool<byte>.Shared.Return(shuffle, clearArray: true);
        }
        _shuffles.Clear();
        for (int p = 0; p < Order.Length; p++)
        {
            if (Order[p] is { } order)
            {
                ArrayPool<int>.Shared.Return(order);
                Order[p] = null!;
            }
            if (Position[p] is { } position)
            {
                ArrayPool<int>.Shared.Return(position);
                Position[p] = null!;
            }
        }
    }

    private static int[] Identity(int length)
    {
        var order = ArrayPool<int>.Shared.Rent(length);
        for (int i = 0; i < length; i++)
        {
            order[i] = i;
        }
        return order;
    }

    private static int[] RandomOrder(int length, RandomStream random)
    {
        const int buckets = 256;
        byte[] rentedBuckets = ArrayPool<byte>.Shared.Rent(length);
        var bucketOf = rentedBuckets.AsSpan(0, length);
        random.NextBytes(bucketOf);
        Span<int> start = stackalloc int[buckets + 1];
        foreach (byte b in bucketOf)
        {
            start[b + 1]++;
        }
        for (int b = 0; b < buckets; b++)
        {
            start[b + 1] += start[b];
        }
        Span<int> cursor = stackalloc int[buckets];
        start[..buckets].CopyTo(cursor);
        var order = ArrayPool<int>.Shared.Rent(length);
        for (int i = 0; i < length; i++)
        {
            order[cursor[bucketOf[i]]++] = i;
        }
        ArrayPool<byte>.Shared.Return(rentedBuckets);
        // Fisher–Yates inside each bucket with 32-bit multiply-shift indices, two per 64-bit draw;
        // the bias (at most bucket size/2^32 per step) only touches Cascade's efficiency, never correctness.
        ulong bits = 0;
        bool half = false;
        for (int b = 0; b < buckets; b++)
        {
            var segment = order.AsSpan(start[b], start[b + 1] - start[b]);
            for (int i = segment.Length - 1; i > 0; i--)
            {
                if (!half)
                {
                    bits = random.NextUInt64();
                }
                uint r = half ? (uint)(bits >> 32) : (uint)bits;
                half = !half;
                int j = (int)(((ulong)r * (uint)(i + 1)) >> 32);
                (segment[i], segment[j]) = (segment[j], segment[i]);
            }
        }
        return order;
    }

    public int Passes => BlockSizes.Length;

    /// <summary>Block size of each pass, in bits.</summary>
    public int[] BlockSizes { get; }

    /// <summary>Order[p][i]: original index of the bit at shuffled position i in pass p.</summary>
    public int[][] Order { get; }

    /// <summary>Position[p][j]: shuffled position of original bit j in pass p.</summary>
    public int[][] Position { get; }

    /// <summary>The key shuffled into each pass's order, in pooled arrays of at least <see cref="Length"/> bytes (only the first <see cref="Length"/> are meaningful) returned by <see cref="Dispose"/>.</summary>
    public byte[][] Shuffle(ReadOnlySpan<byte> key)
    {
        var shuffled = new byte[Passes][];
        for (int p = 0; p < Passes; p++)
        {
            var s = ArrayPool<byte>.Shared.Rent(Length);
            _shuffles.Add(s);
            int[] order = Order[p];
            for (int i = 0; i < Length; i++)
            {
                s[i] = key[order[i]];
            }
            shuffled[p] = s;
        }
        return shuffled;
    }
}
