namespace QNet.Physics.Hardware;

/// <summary>
/// A source of photons entangled with (or emitted by) a node's memory, or of photon pairs.
/// </summary>
/// <param name="Efficiency">Probability that an emitted photon is collected into the fiber (0..1), including frequency conversion.</param>
/// <param name="RepetitionRateHz">Maximum emission attempts per second (&gt; 0); infinite means the source never limits the attempt rate.</param>
public sealed record PhotonSource(double Efficiency = 1, double RepetitionRateHz = double.PositiveInfinity)
{
    /// <summary>Collection efficiency, 0..1.</summary>
    public double Efficiency { get; } = ParameterGuard.Probability(Efficiency, "efficiency");

    /// <summary>Maximum attempt rate in Hz.</summary>
    public double RepetitionRateHz { get; } = ParameterGuard.Positive(RepetitionRateHz, "repetitionRate", allowInfinity: true);

    /// <summary>An ideal source: every photon collected, no rate limit.</summary>
    public static PhotonSource Ideal { get; } = new();
}
