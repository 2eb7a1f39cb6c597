using QNet.Physics.Hardware;

namespace QNet.Network.Entanglement;

/// <summary>
/// What a swap or a herald reads and writes about one position of a path, in one 48-byte entry of
/// <see cref="PathPositions"/>: the memory's decoherence times and the delays (what a swap needs of the far ends of the
/// pairs it joins), and the counts and oldest pairs of the position's two shelves. A swap so touches one line per far end
/// for both its physics and its shelf; the swap physics of the measuring position are in <see cref="SwapPhysics"/>.
/// </summary>
internal struct PathSite
{
    /// <summary>Memory T1, in seconds (infinite for none).</summary>
    public double T1Seconds;

    /// <summary>Memory T2, in seconds (infinite for none).</summary>
    public double T2Seconds;

    /// <summary>Cumulative one-way delay from position 0, in picoseconds.</summary>
    public long Position;

    /// <summary>Classical processing delay of this position, in picoseconds.</summary>
    public long Processing;

    /// <summary>Pairs stored to the left of this position (their right end is here).</summary>
    public int LeftCount;

    /// <summary>Pairs stored to the right of this position (their left end is here).</summary>
    public int RightCount;

    /// <summary>The oldest pair to the left, when <see cref="LeftCount"/> is positive.</summary>
    public int LeftFirst;

    /// <summary>The oldest pair to the right, when <see cref="RightCount"/> is positive.</summary>
    public int RightFirst;

    /// <summary>Takes the memory's decoherence times (a drift step calls it again).</summary>
    public void Tune(QuantumMemory memory)
    {
        T1Seconds = memory.T1Seconds;
        T2Seconds = memory.T2Seconds;
    }
}
