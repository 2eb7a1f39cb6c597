using System.Runtime.CompilerServices;

namespace QNet.Network.Qkd.PostProcessing;

/// <summary>
/// Exact cyclic convolution of non-negative integer sequences by the number-theoretic transform
/// modulo the prime P = 15·2^27 + 1 = 2013265921 (primitive root 31), for lengths that are powers
/// of two up to 2^27. Results are exact as long as every true convolution value is below P.
/// The forward transform is decimation in frequency (output in bit-reversed order), the inverse
/// decimation in time (input in bit-reversed order), so no bit-reversal pass is needed.
/// </summary>
internal static class NumberTheoreticTransform
{
    public const uint Modulus = 2013265921;
    private const uint PrimitiveRoot = 31;
    public const int MaxLogLength = 27;

    /// <summary>Cyclic convolution of <paramref name="a"/> and <paramref name="b"/> (same power-of-two length); the result overwrites <paramref name="a"/>.</summary>
    public static void ConvolveInPlace(uint[] a, uint[] b)
    {
        int n = a.Length;
        if (n != b.Length || n == 0 || (n & (n - 1)) != 0 || n > 1 << MaxLogLength)
        {
            throw new ArgumentException("Both sequences must have the same power-of-two length up to 2^27.", nameof(b));
        }
        uint[] roots = Roots(n, PrimitiveRoot);
        Forward(a, roots);
        Forward(b, roots);
        for (int i = 0; i < n; i++)
        {
            a[i] = MulMod(a[i], b[i]);
        }
        uint[] inverseRoots = Roots(n, Power(PrimitiveRoot, Modulus - 2));
        Inverse(a, inverseRoots);
        uint scale = Power((uint)n, Modulus - 2);
        for (int i = 0; i < n; i++)
        {
            a[i] = MulMod(a[i], scale);
        }
    }

    // roots[len + j] = w_{2len}^j for every power of two len < n and j < len, where w_{2len} has order 2len.
    private static uint[] Roots(int n, uint generator)
    {
        var roots = new uint[Math.Max(2, n)];
        for (int len = 1; len < n; len <<= 1)
        {
            uint w = Power(generator, (Modulus - 1) / (uint)(2 * len));
            uint x = 1;
            for (int j = 0; j < len; j++)
            {
                roots[len + j] = x;
                x = MulMod(x, w);
            }
        }
        return roots;
    }

    private static void Forward(uint[] a, uint[] roots)
    {
        int n = a.Length;
        for (int len = n >> 1; len >= 1; len >>= 1)
        {
            for (int i = 0; i < n; i += 2 * len)
            {
                for (int j = 0; j < len; j++)
                {
                    uint u = a[i + j];
                    uint v = a[i + j + len];
                    uint sum = u + v;
                    a[i + j] = sum >= Modulus ? sum - Modulus : sum;
                    a[i + j + len] = MulMod(u + Modulus - v, roots[len + j]);
                }
            }
        }
    }

    private static void Inverse(uint[] a, uint[] roots)
    {
        int n = a.Length;
        for (int len = 1; len < n; len <<= 1)
        {
            for (int i = 0; i < n; i += 2 * len)
            {
                for (int j = 0; j < len; j++)
                {
                    uint u = a[i + j];
                    uint v = MulMod(a[i + j + len], roots[len + j]);
                    uint sum = u + v;
                    a[i + j] = sum >= Modulus ? sum - Modulus : sum;
                    uint diff = u + Modulus - v;
                    a[i + j + len] = diff >= Modulus ? diff - Modulus : diff;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MulMod(uint a, uint b) => (uint)((ulong)a * b % Modulus);

    private static uint Power(uint b, uint e)
    {
        ulong result = 1, x = b;
        while (e > 0)
        {
            if ((e & 1) != 0)
            {
                result = result * x % Modulus;
            }
            x = x * x % Modulus;
            e >>= 1;
        }
        return (uint)result;
    }
}
