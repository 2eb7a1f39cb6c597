using QNet.Physics.States;

namespace QNet.Network.Entanglement;

/// <summary>
/// An entangled pair between two positions of a path (a link pair, or a longer pair made by swaps),
/// occupying one memory slot at each end. Its state is recorded at <see cref="StateTime"/>; decoherence
/// since then is applied lazily when it is next touched. Instances are pooled by the path protocol;
/// the generation tells a stale event or handle from a live pair.
/// </summary>
internal sealed class VirtualPair
{
    /// <summary>Index of this pair in the protocol's pool.</summary>
    public int Id;

    /// <summary>Incremented every time the pooled object is reused.</summary>
    public int Generation;

    /// <summary>Whether the pair exists (not yet swapped, released, discarded or lost).</summary>
    public bool Alive;

    /// <summary>Path position of the left end.</summary>
    public int Left;

    /// <summary>Path position of the right end.</summary>
    public int Right;

    /// <summary>State at <see cref="StateTime"/>.</summary>
    public BellDiagonalState State;

    /// <summary>Time of <see cref="State"/>, in picoseconds.</summary>
    public long StateTime;

    /// <summary>Herald time of the oldest link pair it was made from, in picoseconds (its age for cutoffs).</summary>
    public long Born;

    /// <summary>When every swap result that made it has reached its ends, in picoseconds; long.MinValue once handed over.</summary>
    public long ReadyAt;

    /// <summary>True while the pair waits in its link's purification buffer (not yet swappable, no cutoff).</summary>
    public bool Buffered;

    /// <summary>
    /// Repeater positions whose slots this pair keeps occupied although they were swapped (only without
    /// pipelining: the covered segments stay idle until the pair is gone).
    /// </summary>
    public List<int>? Interior;

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
