namespace QNet.Physics.States;

/// <summary>A single-qubit projective measurement basis; outcome 0 is |0⟩ (Z) or |+⟩ (X).</summary>
public enum MeasurementBasis
{
    /// <summary>Computational basis: outcome 0 = |0⟩, 1 = |1⟩.</summary>
    Z,

    /// <summary>Hadamard basis: outcome 0 = |+⟩, 1 = |−⟩.</summary>
    X,
}
