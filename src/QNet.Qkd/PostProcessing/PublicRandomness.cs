using System.Buffers;
using QNet.Kernel;

namespace QNet.Qkd.PostProcessing;

/// <summary>Draws of public randomness shared by the post-processing chains, and bit packing.</summary>
internal static class PublicRandomness
{
    /// <summary>A mask of <paramref name="size"/> positions out of <paramref name="n"/>, uniformly (partial Fisher–Yates).</summary>
    public static bool[] ChooseSample(RandomStream random, int n, int size)
    {
        var mask = new bool[n];
        if (size == 0)
        {
            return mask;
        }
        // The index scratch (4 MB for a 10⁶-bit key) is pooled; only its first n entries are used.
        int[] index = ArrayPool<int>.Shared.Rent(n);
        for (int i = 0; i < n; i++)
        {
            index[i] = i;
        }
        for (int i = 0; i < size; i++)
        {
            int j = i + random.NextInt(n - i);
            (index[i], index[j]) = (index[j], index[i]);
            mask[index[i]] = true;
        }
        ArrayPool<int>.Shared.Return(index);
        return mask;
    }

    /// <summary><paramref name="count"/> uniform bits, one per byte.</summary>
    public static byte[] Bits(RandomStream random, int count)
    {
        var bits = new byte[count];
        for (int i = 0; i < count; i += 64)
        {
            ulong word = random.NextUInt64();
            int end = Math.Min(count, i + 64);
            for (int j = i; j < end; j++, word >>= 1)
            {
                bits[j] = (byte)(word & 1);
            }
        }
        return bits;
    }

    /// <summary>A key id drawn from the public stream (the same at both ends, reproducible from the seed).</summary>
    public static Guid KeyId(RandomStream random)
    {
        Span<byte> id = stackalloc byte[16];
        random.NextBytes(id);
        return new Guid(id);
    }

    /// <summary>Packs bits (one per byte) 8 per byte, least significant first; a trailing partial byte is dropped.</summary>
    public static byte[] Pack(ReadOnlySpan<byte> bits)
    {
        var bytes = new byte[bits.Length / 8];
        for (int i = 0; i < bytes.Length * 8; i++)
        {
            bytes[i >> 3] |= (byte)(bits[i] << (i & 7));
        }
        return bytes;
    }
}
