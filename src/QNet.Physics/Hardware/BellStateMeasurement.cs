using QNet.Physics.States;

namespace QNet.Physics.Hardware;

/// <summary>
/// A Bell-state measurement at a repeater (for swapping), after Briegel–Dür–Cirac–Zoller (1998):
/// the two-qubit gate depolarises with probability <paramref name="GateDepolarizing"/> (ρ → (1−p)ρ + p·I/4),
/// each of the two readout bits flips with probability <paramref name="ReadoutError"/>, and the
/// measurement succeeds (heralds) with probability <paramref name="SuccessProbability"/>.
/// For Werner inputs: w = (1−p)·(4η²−1)/3·w1·w2 with η = 1 − readout error.
/// </summary>
/// <param name="SuccessProbability">Probability that the measurement succeeds (0..1); on failure both inputs are lost.</param>
/// <param name="GateDepolarizing">Two-qubit depolarising probability of the gate (0..1).</param>
/// <param name="ReadoutError">Probability that each readout bit is flipped (0..1).</param>
public sealed record BellStateMeasurement(double SuccessProbability = 1, double GateDepolarizing = 0, double ReadoutError = 0)
{
    /// <summary>Success probability.</summary>
    public double SuccessProbability { get; } = ParameterGuard.Probability(SuccessProbability, "successProbability");

    /// <summary>Gate depolarising probability.</summary>
    public double GateDepolarizing { get; } = ParameterGuard.Probability(GateDepolarizing, "gateDepolarizing");

    /// <summary>Readout bit-flip probability.</summary>
    public double ReadoutError { get; } = ParameterGuard.Probability(ReadoutError, "readoutError");

    /// <summary>An ideal, deterministic measurement.</summary>
    public static BellStateMeasurement Ideal { get; } = new();

    /// <summary>
    /// The state of the outer pair after a successful swap of <paramref name="left"/> and <paramref name="right"/>:
    /// the Klein-group product of the inputs, the gate's depolarisation of the measured pair (which reaches
    /// the output as mixing with I/4), and the wrong Pauli corrections caused by flipped readout bits
    /// (one bit drives the X correction, the other the Z correction).
    /// </summary>
    public BellDiagonalState Swap(in BellDiagonalState left, in BellDiagonalState right)
    {
        BellDiagonalState state = BellDiagonalState.Swap(left, right);
        if (GateDepolarizing > 0)
        {
            state = state.MixWithMaximallyMixed(1 - GateDepolarizing);
        }
        if (ReadoutError > 0)
        {
            double e = ReadoutError;
            state = state.ApplyPauliChannel(e * (1 - e), e * e, e * (1 - e));
        }
        return state;
    }
}
