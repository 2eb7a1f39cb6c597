using QNet.Physics.States;

namespace QNet.Physics.Noise;

/// <summary>
/// Single-qubit depolarising in NetSquid's convention: ρ → (1−p)ρ + p·I/2, i.e. X, Y and Z each with
/// probability p/4. On one half of Φ+ it gives F = 1 − 3p/4 (a convention quoting "X, Y, Z each with p/3"
/// would give F = 1 − p for the same symbol).
/// </summary>
/// <param name="Probability">Depolarising probability p in [0, 1].</param>
public sealed record DepolarizingChannel(double Probability) : INoiseChannel
{
    /// <summary>Depolarising probability p.</summary>
    public double Probability { get; } = ChannelGuard.Probability(Probability, "probability");

    /// <summary>
    /// Depolarising memory noise with time constant <paramref name="timeConstantSeconds"/> over
    /// <paramref name="seconds"/>: p = 1 − e^{−t/T}, so the Bell-state Werner parameter decays as e^{−t/T} per qubit.
    /// </summary>
    public static DepolarizingChannel OverTime(double seconds, double timeConstantSeconds) =>
        new(1 - ChannelGuard.Decay(ChannelGuard.Duration(seconds, "seconds"), ChannelGuard.TimeConstant(timeConstantSeconds, "timeConstant")));

    /// <inheritdoc />
    public IReadOnlyList<SingleQubitOperator> KrausOperators => new PauliChannel(PauliTwirl).KrausOperators;

    /// <inheritdoc />
    public PauliProbabilities PauliTwirl => new(Probability / 4, Probability / 4, Probability / 4);
}
