using QNet.Physics.Hardware;
using QNet.Physics.States;

namespace QNet.Physics.Noise;

/// <summary>
/// Decoherence of a stored qubit over <paramref name="Seconds"/> with energy relaxation time T1 and total
/// coherence time T2 (T1 included, T2 ≤ 2·T1): populations relax to |0⟩ as e^{−t/T1}, coherences decay as
/// e^{−t/T2}. Exact map: amplitude damping γ = 1 − e^{−t/T1} followed by pure dephasing that supplies the
/// rest of the coherence decay, e^{−t/T2}/e^{−t/(2T1)}. Its twirl has X, Y with (1 − e^{−t/T1})/4 each and
/// Z with (1 + e^{−t/T1} − 2e^{−t/T2})/4; one half of Φ+ keeps F = (1 + e^{−t/T1} + 2e^{−t/T2})/4.
/// Infinite T1 or T2 means no such decay.
/// </summary>
/// <param name="Seconds">Elapsed storage time in seconds (≥ 0).</param>
/// <param name="T1Seconds">Energy relaxation time in seconds (&gt; 0, may be infinite).</param>
/// <param name="T2Seconds">Total coherence time in seconds (&gt; 0, may be infinite, at most 2·T1).</param>
public sealed record MemoryDecoherenceChannel(double Seconds, double T1Seconds, double T2Seconds) : INoiseChannel
{
    /// <summary>Elapsed time in seconds.</summary>
    public double Seconds { get; } = ChannelGuard.Duration(Seconds, "seconds");

    /// <summary>T1 in seconds.</summary>
    public double T1Seconds { get; } = ChannelGuard.TimeConstant(T1Seconds, "t1");

    /// <summary>T2 in seconds.</summary>
    public double T2Seconds { get; } = double.IsPositiveInfinity(T1Seconds) || T2Seconds <= 2 * T1Seconds
        ? ChannelGuard.TimeConstant(T2Seconds, "t2")
        : throw new ArgumentOutOfRangeException(nameof(T2Seconds), T2Seconds, $"t2 ({T2Seconds} s) cannot exceed 2·t1 ({2 * T1Seconds} s).");

    /// <summary>The decoherence of a qubit held <paramref name="seconds"/> in <paramref name="memory"/>.</summary>
    public static MemoryDecoherenceChannel For(QuantumMemory memory, double seconds) =>
        new(seconds, memory.T1Seconds, memory.T2Seconds);

    /// <summary>Population decay factor e^{−t/T1}.</summary>
    public double PopulationDecay => ChannelGuard.Decay(Seconds, T1Seconds);

    /// <summary>Coherence decay factor e^{−t/T2}.</summary>
    public double CoherenceDecay => ChannelGuard.Decay(Seconds, T2Seconds);

    /// <inheritdoc />
    public IReadOnlyList<SingleQubitOperator> KrausOperators
    {
        get
        {
            double e1 = PopulationDecay;
            double damping = Math.Sqrt(e1);
            // Extra dephasing so that the total coherence factor is e^{−t/T2}; at most 1 because T2 ≤ 2·T1.
            double lambda = damping > 0 ? Math.Min(1, CoherenceDecay / damping) : 0;
            double pz = (1 - lambda) / 2;
            IReadOnlyList<SingleQubitOperator> ad = new AmplitudeDampingChannel(1 - e1).KrausOperators;
            var kraus = new List<SingleQubitOperator>(4);
            foreach (SingleQubitOperator k in ad)
            {
                kraus.Add(k.Scale(Math.Sqrt(1 - pz)));
                kraus.Add((SingleQubitOperator.PauliZ * k).Scale(Math.Sqrt(pz)));
            }
            return kraus;
        }
    }

    /// <inheritdoc />
    public PauliProbabilities PauliTwirl
    {
        get
        {
            double e1 = PopulationDecay, e2 = CoherenceDecay;
            double pxy = (1 - e1) / 4;
            return new PauliProbabilities(pxy, pxy, Math.Max(0, (1 + e1 - 2 * e2) / 4));
        }
    }
}
