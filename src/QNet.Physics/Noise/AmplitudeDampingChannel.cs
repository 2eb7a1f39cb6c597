using QNet.Physics.States;

namespace QNet.Physics.Noise;

/// <summary>
/// Amplitude damping (energy relaxation to |0⟩) with decay probability γ:
/// K0 = [[1, 0], [0, √(1−γ)]], K1 = [[0, √γ], [0, 0]]. Not a Pauli channel; its twirl is
/// X and Y with γ/4 each and Z with (1 − √(1−γ))²/4.
/// </summary>
/// <param name="Gamma">Probability γ in [0, 1] that an excitation decays.</param>
public sealed record AmplitudeDampingChannel(double Gamma) : INoiseChannel
{
    /// <summary>Decay probability γ.</summary>
    public double Gamma { get; } = ChannelGuard.Probability(Gamma, "gamma");

    /// <summary>
    /// Relaxation over <paramref name="seconds"/> with energy relaxation time <paramref name="t1Seconds"/>:
    /// γ = 1 − e^{−t/T1}; one half of Φ+ keeps F = (1 + e^{−t/(2T1)})²/4.
    /// </summary>
    public static AmplitudeDampingChannel OverTime(double seconds, double t1Seconds) =>
        new(1 - ChannelGuard.Decay(ChannelGuard.Duration(seconds, "seconds"), ChannelGuard.TimeConstant(t1Seconds, "t1")));

    /// <inheritdoc />
    public IReadOnlyList<SingleQubitOperator> KrausOperators =>
    [
        new SingleQubitOperator(1, 0, 0, Math.Sqrt(1 - Gamma)),
        new SingleQubitOperator(0, Math.Sqrt(Gamma), 0, 0),
    ];

    /// <inheritdoc />
    public PauliProbabilities PauliTwirl
    {
        get
        {
            double s = Math.Sqrt(1 - Gamma);
            return new PauliProbabilities(Gamma / 4, Gamma / 4, (1 - s) * (1 - s) / 4);
        }
    }
}
