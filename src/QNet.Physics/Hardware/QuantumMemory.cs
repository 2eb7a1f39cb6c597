namespace QNet.Physics.Hardware;

/// <summary>
/// A node's quantum memory: a number of slots (qubits) that store halves of entangled pairs.
/// T2 is the total coherence decay (T1 included), so T2 ≤ 2·T1.
/// </summary>
/// <param name="Slots">Number of qubits that can hold a pair half (≥ 1).</param>
/// <param name="T1Seconds">Energy relaxation time in seconds (&gt; 0; infinity for none).</param>
/// <param name="T2Seconds">Coherence time in seconds (&gt; 0; infinity for none).</param>
/// <param name="Efficiency">Probability that a stored qubit can be read out or used (0..1).</param>
public sealed record QuantumMemory(int Slots = 1, double T1Seconds = double.PositiveInfinity, double T2Seconds = double.PositiveInfinity, double Efficiency = 1)
{
    /// <summary>Number of slots.</summary>
    public int Slots { get; } = Slots >= 1 ? Slots : throw new ArgumentOutOfRangeException(nameof(Slots), Slots, "slots must be at least 1.");

    /// <summary>T1 in seconds.</summary>
    public double T1Seconds { get; } = ParameterGuard.Positive(T1Seconds, "t1", allowInfinity: true);

    /// <summary>T2 in seconds, at most 2·T1.</summary>
    public double T2Seconds { get; } = T2Seconds <= 2 * T1Seconds || double.IsPositiveInfinity(T1Seconds)
        ? ParameterGuard.Positive(T2Seconds, "t2", allowInfinity: true)
        : throw new ArgumentOutOfRangeException(nameof(T2Seconds), T2Seconds, $"t2 ({T2Seconds} s) cannot exceed 2·t1 ({2 * T1Seconds} s).");

    /// <summary>Readout efficiency, 0..1.</summary>
    public double Efficiency { get; } = ParameterGuard.Probability(Efficiency, "efficiency");

    /// <summary>A memory that never decoheres.</summary>
    public static QuantumMemory Ideal { get; } = new();

    /// <summary>
    /// Fidelity to Φ+ of a perfect pair after one half waited <paramref name="seconds"/> here:
    /// F = (1 + e^{−t/T1} + 2e^{−t/T2})/4.
    /// </summary>
    public double FidelityAfter(double seconds) => States.BellDiagonalState.Perfect.Decohere(seconds, T1Seconds, T2Seconds).Fidelity;
}
