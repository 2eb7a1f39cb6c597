using System.Runtime.CompilerServices;

namespace QNet.Qkd.PostProcessing;

/// <summary>
/// Error verification by polynomial hashing over the prime field GF(2^61 − 1) (Carter–Wegman):
/// the key, read as L words of 32 bits, is evaluated as a polynomial at a secret random point r.
/// Two different keys of L words collide with probability at most L/(2^61 − 1) over r; with
/// <see cref="Keys"/> independent points the tag is that many field elements and the collision
/// probability is at most (L/(2^61 − 1))^keys.
/// </summary>
public static class PolynomialHash
{
    /// <summary>The Mersenne prime 2^61 − 1.</summary>
    public const ulong Prime = (1UL << 61) - 1;

    /// <summary>Independent evaluation points per tag.</summary>
    public const int Keys = 2;

    /// <summary>Bits of one tag (61 per evaluation point).</summary>
    public const int TagBits = 61 * Keys;

    /// <summary>Upper bound on the probability that two different keys of <paramref name="bits"/> bits get the same tag.</summary>
    public static double CollisionProbability(long bits) => Math.Pow(Math.Max(1, (bits + 31) / 32) / (double)Prime, Keys);

    /// <summary>The tag of a key given one bit per byte, using evaluation points drawn from <paramref name="points"/> (each reduced into [1, P)).</summary>
    public static ulong[] Tag(ReadOnlySpan<byte> bits, ReadOnlySpan<ulong> points)
    {
        if (points.Length != Keys)
        {
            throw new ArgumentException($"a tag needs {Keys} evaluation points.", nameof(points));
        }
        var tag = new ulong[Keys];
        for (int k = 0; k < Keys; k++)
        {
            ulong r = points[k] % (Prime - 1) + 1;
            ulong h = (ulong)bits.Length;
            for (int i = 0; i < bits.Length; i += 32)
            {
                uint word = 0;
                int end = Math.Min(i + 32, bits.Length);
                for (int j = i; j < end; j++)
                {
                    word |= (uint)bits[j] << (j - i);
                }
                h = Add(MulMod(h, r), word);
            }
            tag[k] = h;
        }
        return tag;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulMod(ulong a, ulong b)
    {
        UInt128 x = (UInt128)a * b;
        ulong lo = (ulong)x & Prime;
        ulong hi = (ulong)(x >> 61);
        return Add(lo, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Add(ulong a, ulong b)
    {
        ulong s = a + b;
        return s >= Prime ? s - Prime : s;
    }
}
