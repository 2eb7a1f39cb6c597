using QNet.Physics.Noise;
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
        => BellDiagonalState.Swap(left, right, GateDepolarizing, ReadoutError);

    /// <summary>
    /// The same swap on density matrices, exact for any input pairs (for example after amplitude damping):
    /// the pairs (a, b1) and (b2, c) are joined, CNOT(b1→b2), the gate's two-qubit depolarising, H(b1),
    /// both Z outcomes with their Pauli corrections on c (X for the b2 bit, Z for the b1 bit), averaged over
    /// outcomes, then the readout flips as the Pauli channel of wrong corrections. Returns the pair (a, c);
    /// the inputs are not changed.
    /// </summary>
    public DensityMatrix Swap(DensityMatrix left, DensityMatrix right)
    {
        if (left.QubitCount != 2 || right.QubitCount != 2)
        {
            throw new ArgumentException($"A swap joins two pairs; got {left.QubitCount} and {right.QubitCount} qubits.", nameof(left));
        }
        DensityMatrix joined = left.Tensor(right).ApplyUnitary(1, 2, TwoQubitOperator.Cnot);
        if (GateDepolarizing > 0)
        {
            joined.ApplyTwoQubitDepolarizing(1, 2, GateDepolarizing);
        }
        joined.ApplyUnitary(1, SingleQubitOperator.Hadamard);
        var branches = new List<(double, DensityMatrix)>(4);
        for (int zBit = 0; zBit < 2; zBit++)
        {
            for (int xBit = 0; xBit < 2; xBit++)
            {
                DensityMatrix branch = joined.Clone();
                double p = branch.OutcomeProbability(1, MeasurementBasis.Z, zBit);
                if (p < 1e-15)
                {
                    continue;
                }
                branch.Project(1, MeasurementBasis.Z, zBit);
                double q = branch.OutcomeProbability(2, MeasurementBasis.Z, xBit);
                if (q < 1e-15)
                {
                    continue;
                }
                branch.Project(2, MeasurementBasis.Z, xBit);
                branch.ApplyPauli(3, xBit).ApplyPauli(3, zBit == 1 ? 3 : 0);
                branches.Add((p * q, branch.PartialTrace(0, 3)));
            }
        }
        DensityMatrix outer = DensityMatrix.Mixture(branches);
        if (ReadoutError > 0)
        {
            double e = ReadoutError;
            outer.ApplyChannel(new PauliChannel(new PauliProbabilities(e * (1 - e), e * e, e * (1 - e))), 1);
        }
        return outer;
    }

    /// <summary>
    /// Swap for either representation: two <see cref="BellDiagonalState"/>s stay on the fast path; otherwise
    /// both are taken as density matrices and the exact swap is returned.
    /// </summary>
    public IQuantumState Swap(IQuantumState left, IQuantumState right) => (left, right) switch
    {
        (BellDiagonalState a, BellDiagonalState b) => Swap(a, b),
        _ => Swap(AsMatrix(left), AsMatrix(right)),
    };

    private static DensityMatrix AsMatrix(IQuantumState state) => state switch
    {
        DensityMatrix m => m,
        BellDiagonalState b => b.ToDensityMatrix(),
        _ => throw new ArgumentException($"Unknown state representation {state.GetType().Name}.", nameof(state)),
    };
}
