using QNet.Physics.Hardware;

namespace QNet.Network.Entanglement;

/// <summary>The Bell-state measurement of one path position, copied out of its record for the swapping hot path.</summary>
internal struct SwapPhysics
{
    /// <summary>Probability that a swap here succeeds.</summary>
    public double SwapSuccess;

    /// <summary>Depolarising probability of the swap's two-qubit gate.</summary>
    public double GateDepolarizing;

    /// <summary>Flip probability of each of the swap's two readout bits.</summary>
    public double ReadoutError;

    /// <summary>Takes the measurement parameters (a drift step calls it again).</summary>
    public void Tune(BellStateMeasurement measurement)
    {
        SwapSuccess = measurement.SuccessProbability;
        GateDepolarizing = measurement.GateDepolarizing;
        ReadoutError = measurement.ReadoutError;
    }
}
