using QNet.Physics.States;

namespace QNet.Network.Entanglement;

/// <summary>
/// An entangled pair between two positions of a path (a link pair, or a longer pair made by swaps), occupying one
/// memory slot at each end: what a swap reads and writes, 64 bytes, one entry of <see cref="PairStore"/>. Its state is
/// recorded at <see cref="StateTime"/>; decoherence since then is applied lazily when it is next touched.
/// </summary>
internal struct PairRecord
{
    /// <summary>State at <see cref="StateTime"/>.</summary>
    public BellDiagonalState State;

    /// <summary>Time of <see cref="State"/>, in picoseconds.</summary>
    public long StateTime;

    /// <summary>Herald time of the oldest link pair it was made from, in picoseconds (its age for cutoffs).</summary>
    public long Born;

    /// <summary>When every swap result that made it has reached its ends, in picoseconds; long.MinValue once handed over.</summary>
    public long ReadyAt;

    /// <summary>Path position of the left end.</summary>
    public int Left;

    /// <summary>Path position of the right end.</summary>
    public int Right;

    /// <summary>Advances the state to <paramref name="now"/>: each half decoheres in its own memory.</summary>
    public BellDiagonalState StateAt(long now, in PathSite left, in PathSite right)
    {
        if (now > StateTime)
        {
            double seconds = (now - StateTime) / 1e12;
            State = State.DecohereBoth(seconds, left.T1Seconds, left.T2Seconds, right.T1Seconds, right.T2Seconds);
            StateTime = now;
        }
        return State;
    }
}
