using System.Buffers;

namespace QNet.Qkd.PostProcessing;

/// <summary>
/// Privacy amplification by a random Toeplitz matrix, a two-universal hash family (Carter–Wegman;
/// Krawczyk 1994): y_i = ⊕_j T[i, j]·x_j with T[i, j] = t[i − j + n − 1], fixed by the n + ℓ − 1
/// seed bits t. Each output bit is a parity of a window of a convolution, so y is read off one
/// exact integer convolution (number-theoretic transform, O(n log n)) reduced modulo 2.
/// Bits are stored one per byte (0 or 1). The two work arrays (8 MB each for a 10⁶-bit key) are
/// rented from <see cref="ArrayPool{T}.Shared"/>, so back-to-back blocks do not churn the large-object heap.
/// </summary>
public static class ToeplitzHash
{
    /// <summary>Hashes <paramref name="input"/> (n bits) to <paramref name="outputLength"/> bits with the seed <paramref name="seed"/> of n + ℓ − 1 bits.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> input, ReadOnlySpan<byte> seed, int outputLength)
    {
        int n = input.Length;
        Validate(n, seed.Length, outputLength);
        if (outputLength == 0)
        {
            return [];
        }
        // Cyclic length M ≥ n + ℓ − 1 keeps the needed window (indices n−1 .. n+ℓ−2) free of wrap-around.
        int m = 1;
        while (m < n + outputLength - 1)
        {
            m <<= 1;
        }
        uint[] t = Rent(m, out bool tPooled);
        uint[] x = Rent(m, out bool xPooled);
        try
        {
            for (int i = 0; i < seed.Length; i++)
            {
                t[i] = seed[i];
            }
            Array.Clear(t, seed.Length, m - seed.Length);
            for (int i = 0; i < n; i++)
            {
                x[i] = input[i];
            }
            Array.Clear(x, n, m - n);
            NumberTheoreticTransform.ConvolveInPlace(t, x);
            var output = new byte[outputLength];
            for (int i = 0; i < outputLength; i++)
            {
                output[i] = (byte)(t[i + n - 1] & 1);
            }
            return output;
        }
        finally
        {
            // Both hold transforms of key bits: wiped before anyone else can rent them.
            if (tPooled)
            {
                ArrayPool<uint>.Shared.Return(t, clearArray: true);
            }
            if (xPooled)
            {
                ArrayPool<uint>.Shared.Return(x, clearArray: true);
            }
        }
    }

    // The transform needs the exact power-of-two length; the shared pool's buckets are powers of two from 16 up, so a
    // rented array of that length is the normal case, and anything else (tiny keys) gets a fresh, unpooled array.
    private static uint[] Rent(int m, out bool pooled)
    {
        if (m >= 16)
        {
            uint[] array = ArrayPool<uint>.Shared.Rent(m);
            if (array.Length == m)
            {
                pooled = true;
                return array;
            }
            ArrayPool<uint>.Shared.Return(array);
        }
        pooled = false;
        return new uint[m];
    }

    /// <summary>The same product computed bit by bit, O(n·ℓ); the reference the fast path is tested against.</summary>
    internal static byte[] ComputeNaive(ReadOnlySpan<byte> input, ReadOnlySpan<byte> seed, int outputLength)
    {
        int n = input.Length;
        Validate(n, seed.Length, outputLength);
        var output = new byte[outputLength];
        for (int i = 0; i < outputLength; i++)
        {
            int bit = 0;
            for (int j = 0; j < n; j++)
            {
                bit ^= seed[i - j + n - 1] & input[j];
            }
            output[i] = (byte)bit;
        }
        return output;
    }

    private static void Validate(int n, int seedLength, int outputLength)
    {
        if (outputLength < 0 || outputLength > n)
        {
            throw new ArgumentOutOfRangeException(nameof(outputLength), outputLength, "output length must lie between 0 and the input length.");
        }
        if (outputLength > 0 && seedLength != n + outputLength - 1)
        {
            throw new ArgumentException($"the seed must hold n + ℓ − 1 = {n + outputLength - 1} bits; got {seedLength}.", nameof(seedLength));
        }
        if (n >= NumberTheoreticTransform.Modulus || (long)n + outputLength > 1L << NumberTheoreticTransform.MaxLogLength)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "input too long for one Toeplitz block.");
        }
    }
}
