namespace QNet.Physics.Hardware;

/// <summary>
/// A single-photon detector (threshold, not photon-number resolving).
/// </summary>
/// <param name="Efficiency">Probability that an arriving photon clicks (0..1).</param>
/// <param name="DarkCountRateHz">Rate of clicks without a photon, in Hz (≥ 0).</param>
/// <param name="DetectionWindowSeconds">Length of the gate in which a click is accepted, in seconds (&gt; 0).</param>
/// <param name="Misalignment">Probability that a detected photon lands in the wrong outcome (optical misalignment, e_d), 0..0.5.</param>
public sealed record Detector(double Efficiency = 1, double DarkCountRateHz = 0, double DetectionWindowSeconds = Detector.DefaultWindow, double Misalignment = 0)
{
    /// <summary>Default detection window: 1 ns.</summary>
    public const double DefaultWindow = 1e-9;

    private readonly double? _darkCountProbability;

    /// <summary>Detection efficiency, 0..1.</summary>
    public double Efficiency { get; } = ParameterGuard.Probability(Efficiency, "efficiency");

    /// <summary>Dark-count rate in Hz.</summary>
    public double DarkCountRateHz { get; } = ParameterGuard.NonNegative(DarkCountRateHz, "darkCountRate");

    /// <summary>Detection window in seconds.</summary>
    public double DetectionWindowSeconds { get; } = ParameterGuard.Positive(DetectionWindowSeconds, "detectionWindow");

    /// <summary>Optical misalignment error probability.</summary>
    public double Misalignment { get; } = Misalignment is >= 0 and <= 0.5
        ? Misalignment
        : throw new ArgumentOutOfRangeException(nameof(Misalignment), Misalignment, "misalignment must lie between 0 and 0.5.");

    /// <summary>
    /// Probability of at least one dark count in one detection window (the Y0 of decoy-state papers):
    /// given directly, or 1 − e^{−rate·window} from the rate.
    /// </summary>
    public double DarkCountProbability
    {
        get => _darkCountProbability ?? -double.ExpM1(-DarkCountRateHz * DetectionWindowSeconds);
        init => _darkCountProbability = ParameterGuard.Probability(value, "darkCountProbability");
    }

    /// <summary>A detector given by its dark-count probability per window rather than a rate.</summary>
    public static Detector WithDarkCountProbability(double efficiency, double darkCountProbability, double misalignment = 0) =>
        new(efficiency, 0, DefaultWindow, misalignment) { DarkCountProbability = darkCountProbability };
}
