using QNet.Physics.Hardware;

namespace QNet.Network.Entanglement;

/// <summary>
/// What the swapping hot path reads about one position of a path, copied out of its memory and
/// Bell-state measurement records into one contiguous array (56 bytes a position), so a swap across a
/// long chain touches one cache line per position instead of chasing three objects.
/// </summary>
internal struct PathSite
{
    /// <summary>Memory T1, in seconds (infinite for none).</summary>
    public double T1Seconds;

    /// <summary>Memory T2, in seconds (infinite for none).</summary>
    public double T2Seconds;

    /// <summary>Probability that a swap here succeeds.</summary>
    public double SwapSuccess;

    /// <summary>Depolarising probability of the swap's two-qubit gate.</summary>
    public double GateDepolarizing;

    /// <summary>Flip probability of each of the swap's two readout bits.</summary>
    public double ReadoutError;

    /// <summary>Cumulative one-way delay from position 0, in picoseconds.</summary>
    public long Position;

    /// <summary>Classical processing delay of this position, in picoseconds.</summary>
    public long Processing;

    /// <summary>Takes the memory and measurement parameters (a drift step calls it again).</summary>
    public void Tune(QuantumMemory memory, BellStateMeasurement measurement)
    {
        T1Seconds = memory.T1Seconds;
        T2Seconds = memory.T2Seconds;
        SwapSuccess = measurement.SuccessProbability;
        GateDepolarizing = measurement.GateDepolarizing;
        ReadoutError = measurement.ReadoutError;
    }
}
