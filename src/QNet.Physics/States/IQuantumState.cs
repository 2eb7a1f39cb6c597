using QNet.Physics.Noise;

namespace QNet.Physics.States;

/// <summary>
/// What the network layer needs from a quantum state, whatever its representation:
/// <see cref="BellDiagonalState"/> (a value, the fast path) or <see cref="DensityMatrix"/>
/// (a mutable register, exact for any noise).
/// </summary>
public interface IQuantumState
{
    /// <summary>Number of qubits the state describes.</summary>
    int QubitCount { get; }

    /// <summary>
    /// Fidelity ⟨Φ+|ρ|Φ+⟩ of a two-qubit state to the target Bell state Φ+ (qubit 0 first);
    /// throws <see cref="InvalidOperationException"/> when the state does not hold exactly two qubits.
    /// </summary>
    double Fidelity { get; }

    /// <summary>
    /// Applies a single-qubit noise channel to qubit <paramref name="qubit"/> and returns the resulting
    /// state. A <see cref="BellDiagonalState"/> returns a new value and applies the channel's Pauli twirl
    /// (which qubit does not matter for it); a <see cref="DensityMatrix"/> applies the exact Kraus map in
    /// place and returns itself.
    /// </summary>
    IQuantumState ApplyNoise(INoiseChannel channel, int qubit);

    /// <summary>
    /// The four Bell weights of a two-qubit state (its Bell twirl): the value itself for a
    /// <see cref="BellDiagonalState"/>, ⟨Bᵢ|ρ|Bᵢ⟩ for a <see cref="DensityMatrix"/>.
    /// </summary>
    BellDiagonalState ToBellDiagonal();
}
