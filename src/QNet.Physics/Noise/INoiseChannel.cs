using QNet.Physics.States;

namespace QNet.Physics.Noise;

/// <summary>
/// A single-qubit noise channel usable on both state representations: its exact Kraus operators
/// (applied by <see cref="DensityMatrix"/>) and its Pauli twirl (applied by <see cref="BellDiagonalState"/>).
/// On a Bell-diagonal input with the channel on one qubit the two give the same fidelity and Bell weights.
/// </summary>
public interface INoiseChannel
{
    /// <summary>Kraus operators Kₖ with Σ Kₖ†Kₖ = I: ρ → Σ KₖρKₖ†.</summary>
    IReadOnlyList<SingleQubitOperator> KrausOperators { get; }

    /// <summary>
    /// The Pauli channel obtained by twirling this one (the diagonal of its χ matrix): probabilities of
    /// X, Y and Z; the identity takes the rest.
    /// </summary>
    PauliProbabilities PauliTwirl { get; }
}
