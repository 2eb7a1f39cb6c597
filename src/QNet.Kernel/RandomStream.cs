using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace QNet.Kernel;

/// <summary>
/// A seeded pseudo-random stream (xoshiro256**, seeded through SplitMix64). Each simulator owns
/// one root stream; each entity derives its own child stream from the root seed and a stable key
/// (its name), so what an entity draws never depends on the order in which entities were created,
/// on other entities' draws, or on how many threads run replications.
/// Not thread-safe: one stream belongs to one simulator thread.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A random stream is the simulation term (one named, seeded stream of numbers per component); it is not a System.IO.Stream.")]
public sealed class RandomStream
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The seed this stream was created from.</summary>
    public ulong Seed { get; }

    /// <summary>Creates a stream from a 64-bit seed.</summary>
    public RandomStream(ulong seed)
    {
        Seed = seed;
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// An independent child stream named by <paramref name="key"/>; the same parent seed and key
    /// always give the same stream.
    /// </summary>
    public RandomStream Derive(string key)
    {
        // FNV-1a over the UTF-8 key, then mixed with the parent seed through SplitMix64.
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return Derive(hash);
    }

    /// <summary>An independent child stream named by a number (e.g. a replication index).</summary>
    public RandomStream Derive(ulong key)
    {
        ulong x = Seed ^ (key * 0x9E3779B97F4A7C15UL);
        ulong mixed = SplitMix64(ref x) ^ SplitMix64(ref x);
        return new RandomStream(mixed);
    }

    /// <summary>64 uniformly random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1], safe to take the logarithm of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        // Lemire's multiply-shift with rejection.
        ulong range = (ulong)maxExclusive;
        UInt128 m = (UInt128)NextUInt64() * range;
        ulong low = (ulong)m;
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                m = (UInt128)NextUInt64() * range;
                low = (ulong)m;
            }
        }
        return (int)(m >> 64);
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextBernoulli(double p) => NextDouble() < p;

    /// <summary>
    /// The number of independent trials up to and including the first success, each succeeding
    /// with probability <paramref name="p"/> (support 1, 2, ...; mean 1/p). Exact by inversion.
    /// </summary>
    public long NextGeometric(double p)
    {
        if (!(p > 0) || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A success probability must lie in (0, 1].");
        }
        if (p == 1)
        {
            return 1;
        }
        double trials = Math.Floor(Math.Log(NextDoubleNonZero()) / double.LogP1(-p)) + 1;
        return trials >= long.MaxValue ? long.MaxValue : (long)trials;
    }

    /// <summary>An exponentially distributed value with the given rate (mean 1/rate).</summary>
    public double NextExponential(double rate)
    {
        if (!(rate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A rate must be positive.");
        }
        return -Math.Log(NextDoubleNonZero()) / rate;
    }

    /// <summary>A standard normal value (Box-Muller; the second value is discarded for simplicity).</summary>
    public double NextGaussian()
    {
        double u1 = NextDoubleNonZero();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    public void NextBytes(Span<byte> buffer)
    {
        int i = 0;
        for (; i + 8 <= buffer.Length; i += 8)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(buffer[i..], NextUInt64());
        }
        if (i < buffer.Length)
        {
            ulong last = NextUInt64();
            for (; i < buffer.Length; i++, last >>= 8)
            {
                buffer[i] = (byte)last;
            }
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
