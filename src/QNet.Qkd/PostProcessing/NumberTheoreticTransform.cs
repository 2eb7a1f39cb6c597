using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QNet.Qkd.PostProcessing;

/// <summary>
/// Exact cyclic convolution of non-negative integer sequences by the number-theoretic transform
/// modulo the prime P = 15·2^27 + 1 = 2013265921 (primitive root 31), for lengths that are powers
/// of two up to 2^27. Results are exact as long as every true convolution value is below P.
/// The forward transform is decimation in frequency (output in bit-reversed order), the inverse
/// decimation in time (input in bit-reversed order), so no bit-reversal pass is needed.
/// Products use Montgomery reduction (R = 2^32) with twiddles stored in Montgomery form, so
/// data stay in ordinary form; butterflies run eight lanes at a time with AVX2 where available.
/// Twiddle tables are cached per length (they cost as much as a transform to build).
/// SAFETY: the vector loads and stores skip bounds checks; every index is below the array length
/// because lengths are powers of two ≥ 16 and each access covers [index, index + 8) inside a
/// block of 2·len ≥ 16 elements (or a root table of n entries read at len + j with j + 8 ≤ len).
/// </summary>
internal static class NumberTheoreticTransform
{
    public const uint Modulus = 2013265921;
    private const uint PrimitiveRoot = 31;
    public const int MaxLogLength = 27;

    // −P^{−1} mod 2^32, by Newton iteration on the inverse.
    private static readonly uint NegInverse = ComputeNegInverse();
    private static readonly ConcurrentDictionary<(int Length, bool Inverse), uint[]> RootCache = new();

    /// <summary>Cyclic convolution of <paramref name="a"/> and <paramref name="b"/> (same power-of-two length, values below P); the result overwrites <paramref name="a"/>.</summary>
    public static void ConvolveInPlace(uint[] a, uint[] b)
    {
        int n = a.Length;
        if (n != b.Length || n == 0 || (n & (n - 1)) != 0 || n > 1 << MaxLogLength)
        {
            throw new ArgumentException("Both sequences must have the same power-of-two length up to 2^27.", nameof(b));
        }
        uint[] roots = RootCache.GetOrAdd((n, false), key => Roots(key.Length, PrimitiveRoot));
        uint[] inverseRoots = RootCache.GetOrAdd((n, true), key => Roots(key.Length, Power(PrimitiveRoot, Modulus - 2)));
        Forward(a, roots);
        Forward(b, roots);
        // MontMul(x, y) = x·y·R^{−1}; the final scale R²/n undoes that and the transform's factor n.
        for (int i = 0; i < n; i++)
        {
            a[i] = MontMul(a[i], b[i]);
        }
        Inverse(a, inverseRoots);
        uint r2 = (uint)((ulong)(((ulong)1 << 32) % Modulus) * (((ulong)1 << 32) % Modulus) % Modulus);
        uint scale = (uint)((ulong)r2 * Power((uint)n, Modulus - 2) % Modulus);
        for (int i = 0; i < n; i++)
        {
            a[i] = MontMul(a[i], scale);
        }
    }

    // roots[len + j] = w_{2len}^j·R mod P (Montgomery form) for every power of two len < n and j < len.
    private static uint[] Roots(int n, uint generator)
    {
        var roots = new uint[Math.Max(2, n)];
        ulong r = ((ulong)1 << 32) % Modulus;
        for (int len = 1; len < n; len <<= 1)
        {
            ulong w = Power(generator, (Modulus - 1) / (uint)(2 * len));
            ulong x = 1;
            for (int j = 0; j < len; j++)
            {
                roots[len + j] = (uint)(x * r % Modulus);
                x = x * w % Modulus;
            }
        }
        return roots;
    }

    private static void Forward(uint[] a, uint[] roots)
    {
        int n = a.Length;
        bool vector = Avx2.IsSupported && n >= 16;
        for (int len = n >> 1; len >= (vector ? 8 : 1); len >>= 1)
        {
            for (int i = 0; i < n; i += 2 * len)
            {
                int j = 0;
                if (vector)
                {
                    for (; j < len; j += 8)
                    {
                        var u = Load(a, i + j);
                        var v = Load(a, i + j + len);
                        Store(AddMod(u, v), a, i + j);
                        Store(MontMul(SubMod(u, v), Load(roots, len + j)), a, i + j + len);
                    }
                }
                for (; j < len; j++)
                {
                    uint u = a[i + j], v = a[i + j + len];
                    a[i + j] = AddMod(u, v);
                    a[i + j + len] = MontMul(u + Modulus - v, roots[len + j]);
                }
            }
        }
        if (vector)
        {
            SmallStages(a, roots, inverse: false);
        }
    }

    private static void Inverse(uint[] a, uint[] roots)
    {
        int n = a.Length;
        bool vector = Avx2.IsSupported && n >= 16;
        if (vector)
        {
            SmallStages(a, roots, inverse: true);
        }
        for (int len = vector ? 8 : 1; len < n; len <<= 1)
        {
            for (int i = 0; i < n; i += 2 * len)
            {
                int j = 0;
                if (vector)
                {
                    for (; j < len; j += 8)
                    {
                        var u = Load(a, i + j);
                        var v = MontMul(Load(a, i + j + len), Load(roots, len + j));
                        Store(AddMod(u, v), a, i + j);
                        Store(SubMod(u, v), a, i + j + len);
                    }
                }
                for (; j < len; j++)
                {
                    uint u = a[i + j], v = MontMul(a[i + j + len], roots[len + j]);
                    a[i + j] = AddMod(u, v);
                    a[i + j + len] = SubMod(u, v);
                }
            }
        }
    }

    // The stages with half-length 4, 2 and 1, sixteen elements at a time: the lanes are regrouped so
    // that all "low" elements sit in one vector and all "high" ones in another, then put back.
    // Forward (DIF) runs 4 → 2 → 1, inverse (DIT) 1 → 2 → 4; the half-length-1 twiddle is 1.
    private static void SmallStages(uint[] a, uint[] roots, bool inverse)
    {
        var w4 = Vector256.Create(roots[4], roots[5], roots[6], roots[7], roots[4], roots[5], roots[6], roots[7]);
        var w2 = Vector256.Create(roots[2], roots[3], roots[2], roots[3], roots[2], roots[3], roots[2], roots[3]);
        for (int i = 0; i < a.Length; i += 16)
        {
            var v0 = Load(a, i);
            var v1 = Load(a, i + 8);
            if (!inverse)
            {
                Butterfly4(ref v0, ref v1, w4, inverse);
                Butterfly2(ref v0, ref v1, w2, inverse);
                v0 = Butterfly1(v0);
                v1 = Butterfly1(v1);
            }
            else
            {
                v0 = Butterfly1(v0);
                v1 = Butterfly1(v1);
                Butterfly2(ref v0, ref v1, w2, inverse);
                Butterfly4(ref v0, ref v1, w4, inverse);
            }
            Store(v0, a, i);
            Store(v1, a, i + 8);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly4(ref Vector256<uint> v0, ref Vector256<uint> v1, Vector256<uint> w, bool inverse)
    {
        // v0 = (lo0, hi0), v1 = (lo1, hi1) in 128-bit halves.
        var lo = Avx2.Permute2x128(v0, v1, 0x20);
        var hi = Avx2.Permute2x128(v0, v1, 0x31);
        Butterfly(ref lo, ref hi, w, inverse);
        v0 = Avx2.Permute2x128(lo, hi, 0x20);
        v1 = Avx2.Permute2x128(lo, hi, 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly2(ref Vector256<uint> v0, ref Vector256<uint> v1, Vector256<uint> w, bool inverse)
    {
        // Each 128-bit half is one block: low 64 bits "lo", high 64 bits "hi".
        var lo = Avx2.UnpackLow(v0.AsUInt64(), v1.AsUInt64()).AsUInt32();
        var hi = Avx2.UnpackHigh(v0.AsUInt64(), v1.AsUInt64()).AsUInt32();
        Butterfly(ref lo, ref hi, w, inverse);
        v0 = Avx2.UnpackLow(lo.AsUInt64(), hi.AsUInt64()).AsUInt32();
        v1 = Avx2.UnpackHigh(lo.AsUInt64(), hi.AsUInt64()).AsUInt32();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Butterfly1(Vector256<uint> v)
    {
        // Pairs (even, odd) → (even + odd, even − odd); the twiddle is 1 in both directions.
        var swapped = Avx2.Shuffle(v, 0b10_11_00_01);
        var sum = AddMod(v, swapped);
        var diff = SubMod(swapped, v); // odd lanes: even − odd
        return Avx2.Blend(sum, diff, 0b1010_1010);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref Vector256<uint> lo, ref Vector256<uint> hi, Vector256<uint> w, bool inverse)
    {
        if (!inverse)
        {
            var sum = AddMod(lo, hi);
            hi = MontMul(SubMod(lo, hi), w);
            lo = sum;
        }
        else
        {
            var v = MontMul(hi, w);
            hi = SubMod(lo, v);
            lo = AddMod(lo, v);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Load(uint[] array, int index) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<uint> value, uint[] array, int index) =>
        value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint AddMod(uint u, uint v)
    {
        uint s = u + v;
        return Math.Min(s, s - Modulus);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint SubMod(uint u, uint v)
    {
        uint d = u + Modulus - v;
        return Math.Min(d, d - Modulus);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> AddMod(Vector256<uint> u, Vector256<uint> v)
    {
        var s = Avx2.Add(u, v);
        return Avx2.Min(s, Avx2.Subtract(s, Vector256.Create(Modulus)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> SubMod(Vector256<uint> u, Vector256<uint> v)
    {
        var p = Vector256.Create(Modulus);
        var d = Avx2.Subtract(Avx2.Add(u, p), v);
        return Avx2.Min(d, Avx2.Subtract(d, p));
    }

    // Montgomery product a·b·2^{−32} mod P for a·b < P·2^32 (true whenever a < 2P and b < P); result in [0, P).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MontMul(uint a, uint b)
    {
        ulong t = (ulong)a * b;
        uint m = (uint)t * NegInverse;
        uint u = (uint)((t + (ulong)m * Modulus) >> 32);
        return Math.Min(u, u - Modulus);
    }

    // Eight Montgomery products: even and odd lanes are multiplied separately as 32×32→64-bit products.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> MontMul(Vector256<uint> a, Vector256<uint> b)
    {
        var p = Vector256.Create(Modulus);
        var negInverse = Vector256.Create(NegInverse);
        Vector256<ulong> tEven = Avx2.Multiply(a, b);
        Vector256<ulong> tOdd = Avx2.Multiply(Avx2.ShiftRightLogical(a.AsUInt64(), 32).AsUInt32(), Avx2.ShiftRightLogical(b.AsUInt64(), 32).AsUInt32());
        Vector256<ulong> mEven = Avx2.Multiply(tEven.AsUInt32(), negInverse);
        Vector256<ulong> mOdd = Avx2.Multiply(tOdd.AsUInt32(), negInverse);
        Vector256<ulong> uEven = Avx2.Add(tEven, Avx2.Multiply(mEven.AsUInt32(), p));
        Vector256<ulong> uOdd = Avx2.Add(tOdd, Avx2.Multiply(mOdd.AsUInt32(), p));
        Vector256<uint> r = Avx2.Blend(Avx2.ShiftRightLogical(uEven, 32).AsUInt32(), uOdd.AsUInt32(), 0b1010_1010);
        return Avx2.Min(r, Avx2.Subtract(r, p));
    }

    private static uint ComputeNegInverse()
    {
        uint inverse = Modulus;
        for (int i = 0; i < 5; i++)
        {
            inverse *= 2 - Modulus * inverse;
        }
        return 0u - inverse;
    }

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
