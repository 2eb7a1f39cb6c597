using QNet.Physics.States;

namespace QNet.Physics.Noise;

/// <summary>Dephasing: a Z error with probability p; off-diagonal elements shrink by 1 − 2p.</summary>
/// <param name="Probability">Phase-flip probability p in [0, 1].</param>
public sealed record DephasingChannel(double Probability) : INoiseChannel
{
    /// <summary>Phase-flip probability p.</summary>
    public double Probability { get; } = ChannelGuard.Probability(Probability, "probability");

    /// <summary>
    /// Pure dephasing over <paramref name="seconds"/> with coherence time <paramref name="t2Seconds"/>:
    /// coherences decay as e^{−t/T2}, so p = (1 − e^{−t/T2})/2 and one half of Φ+ keeps F = (1 + e^{−t/T2})/2.
    /// </summary>
    public static DephasingChannel OverTime(double seconds, double t2Seconds) =>
        new((1 - ChannelGuard.Decay(ChannelGuard.Duration(seconds, "seconds"), ChannelGuard.TimeConstant(t2Seconds, "t2"))) / 2);

    /// <inheritdoc />
    public IReadOnlyList<SingleQubitOperator> KrausOperators => new PauliChannel(PauliTwirl).KrausOperators;

    /// <inheritdoc />
    public PauliProbabilities PauliTwirl => new(0, 0, Probability);
}
