namespace QNet.Physics.Hardware;

/// <summary>
/// A small quantum processor hosted by a node (the server of distributed compute). Gate errors are depolarising:
/// a single-qubit gate is followed by ρ → (1−p₁)ρ + p₁·I/2 on its qubit, a two-qubit gate by ρ → (1−p₂)ρ + p₂·I/4
/// on its pair; a readout reports the wrong bit with probability r. Pauli corrections are kept in software (a Pauli
/// frame), so they cost neither time nor fidelity.
/// </summary>
/// <param name="Qubits">Data qubits besides the communication qubits that hold pair halves (≥ 1).</param>
/// <param name="SingleQubitGateSeconds">Duration of a single-qubit gate, seconds (≥ 0).</param>
/// <param name="TwoQubitGateSeconds">Duration of a two-qubit gate, seconds (≥ 0).</param>
/// <param name="MeasurementSeconds">Duration of a readout, seconds (≥ 0).</param>
/// <param name="SingleQubitGateError">Depolarising probability p₁ of a single-qubit gate (0..1).</param>
/// <param name="TwoQubitGateError">Depolarising probability p₂ of a two-qubit gate (0..1).</param>
/// <param name="ReadoutError">Probability r that a readout reports the wrong bit (0..1).</param>
public sealed record QuantumProcessor(
    int Qubits = 2,
    double SingleQubitGateSeconds = 0,
    double TwoQubitGateSeconds = 0,
    double MeasurementSeconds = 0,
    double SingleQubitGateError = 0,
    double TwoQubitGateError = 0,
    double ReadoutError = 0)
{
    /// <summary>Most data qubits a processor may declare (the density-matrix checks hold up to 12 qubits in all).</summary>
    public const int MaxQubits = 64;

    /// <summary>Data qubits.</summary>
    public int Qubits { get; } = Qubits is >= 1 and <= MaxQubits ? Qubits : throw new ArgumentOutOfRangeException(nameof(Qubits), Qubits, $"qubits must be between 1 and {MaxQubits}.");

    /// <summary>Single-qubit gate duration, seconds.</summary>
    public double SingleQubitGateSeconds { get; } = ParameterGuard.NonNegative(SingleQubitGateSeconds, "singleQubitGate");

    /// <summary>Two-qubit gate duration, seconds.</summary>
    public double TwoQubitGateSeconds { get; } = ParameterGuard.NonNegative(TwoQubitGateSeconds, "twoQubitGate");

    /// <summary>Readout duration, seconds.</summary>
    public double MeasurementSeconds { get; } = ParameterGuard.NonNegative(MeasurementSeconds, "measurement");

    /// <summary>Single-qubit gate depolarising probability.</summary>
    public double SingleQubitGateError { get; } = ParameterGuard.Probability(SingleQubitGateError, "singleQubitGateError");

    /// <summary>Two-qubit gate depolarising probability.</summary>
    public double TwoQubitGateError { get; } = ParameterGuard.Probability(TwoQubitGateError, "twoQubitGateError");

    /// <summary>Readout error probability.</summary>
    public double ReadoutError { get; } = ParameterGuard.Probability(ReadoutError, "readoutError");

    /// <summary>An ideal processor with two data qubits and instant operations.</summary>
    public static QuantumProcessor Ideal { get; } = new();
}
