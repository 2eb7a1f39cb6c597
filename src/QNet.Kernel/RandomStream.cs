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
    private RandomState _state;

    /// <summary>The seed this stream was created from.</summary>
    public ulong Seed { get; }

    /// <summary>Creates a stream from a 64-bit seed.</summary>
    public RandomStream(ulong seed)
    {
        Seed = seed;
        _state = new RandomState(seed);
    }

    /// <summary>
    /// The generator's state as a value that goes on drawing this stream's numbers, for a hot path that keeps it
    /// inside its own object; this stream must not be drawn from afterwards (both would draw the same numbers).
    /// </summary>
    public RandomState Detach() => _state;

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
        ulong mixed = RandomState.SplitMix64(ref x) ^ RandomState.SplitMix64(ref x);
        return new RandomStream(mixed);
    }

    /// <summary>64 uniformly random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64() => _state.NextUInt64();

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => _state.NextDouble();

    /// <summary>A uniform double in (0, 1], safe to take the logarithm of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleNonZero() => _state.NextDoubleNonZero();

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
    /// How many of <paramref name="trials"/> Bernoulli trials with probability <paramref name="p"/> succeed: the same
    /// draws, in the same order, as that many <see cref="NextBernoulli"/> calls, counted with the generator held in
    /// registers rather than written back to the stream after every draw (a test routine's thousands of shots).
    /// </summary>
    public int CountBernoulli(double p, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        RandomState state = _state;
        int hits = 0;
        for (int i = 0; i < trials; i++)
        {
            if (state.NextDouble() < p)
            {
                hits++;
            }
        }
        _state = state;
        return hits;
    }

    /// <summary>
    /// The number of independent trials up to and including the first success, each succeeding
    /// with probability <paramref name="p"/> (support 1, 2, ...; mean 1/p). Exact by inversion.
    /// </summary>
    public long NextGeometric(double p) => NextGeometric(p, double.LogP1(-p));

    /// <summary>
    /// The same draw as <see cref="NextGeometric(double)"/>, bit for bit, for a caller that draws often with one
    /// <paramref name="p"/> and computed <paramref name="logFailure"/> = <c>double.LogP1(-p)</c> once.
    /// </summary>
    public long NextGeometric(double p, double logFailure) => _state.NextGeometric(p, logFailure);

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
}
