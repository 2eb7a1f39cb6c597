using System.Numerics;
using System.Runtime.CompilerServices;

namespace QNet.Kernel;

/// <summary>
/// The xoshiro256** generator of a <see cref="RandomStream"/> as a value: a hot path may keep it inside its own
/// object (<see cref="RandomStream.Detach"/>), so a draw follows no pointer to a separate stream object. It draws
/// exactly the numbers the stream it came from would have drawn. A mutable struct: keep it in a non-readonly field
/// and call it there (a copy draws the same numbers again).
/// </summary>
public struct RandomState
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The state SplitMix64 makes of <paramref name="seed"/>.</summary>
    public RandomState(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
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

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1] with 53 random bits (safe to take the logarithm of).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>
    /// Trials up to and including the first success with probability <paramref name="p"/> (support 1, 2, ...), exact by
    /// inversion; <paramref name="logFailure"/> is <c>double.LogP1(-p)</c>, computed once by a caller that draws often.
    /// </summary>
    public long NextGeometric(double p, double logFailure)
    {
        if (!(p > 0) || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A success probability must lie in (0, 1].");
        }
        if (p == 1)
        {
            return 1;
        }
        double trials = Math.Floor(Math.Log(NextDoubleNonZero()) / logFailure) + 1;
        return trials >= long.MaxValue ? long.MaxValue : (long)trials;
    }

    internal static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
