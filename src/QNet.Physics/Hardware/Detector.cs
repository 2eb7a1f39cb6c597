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
    private readonly double _backgroundRate;
    private readonly double _deadTime;

    /// <summary>Detection efficiency, 0..1.</summary>
    public double Efficiency { get; } = ParameterGuard.Probability(Efficiency, "efficiency");

    /// <summary>Dark-count rate in Hz.</summary>
    public double DarkCountRateHz { get; } = ParameterGuard.NonNegative(DarkCountRateHz, "darkCountRate");

    /// <summary>Detection window in seconds.</summary>
    public double DetectionWindowSeconds { get; } = ParameterGuard.Positive(DetectionWindowSeconds, "detectionWindow");

    /// <summary>Optical misalignment error probability.</summary>
    public double Misalignment { get; init => field = CheckMisalignment(value); } = CheckMisalignment(Misalignment);

    private static double CheckMisalignment(double value) => value is >= 0 and <= 0.5
        ? value
        : throw new ArgumentOutOfRangeException(nameof(value), value, "misalignment must lie between 0 and 0.5.");

    /// <summary>
    /// Background clicks in Hz (≥ 0, default 0): stray light reaching the detector (F5). They add to the
    /// dark counts: a background click in the window is indistinguishable from a dark count.
    /// </summary>
    public double BackgroundRateHz { get => _backgroundRate; init => _backgroundRate = ParameterGuard.NonNegative(value, "backgroundRate"); }

    /// <summary>
    /// Non-paralyzable dead time τ in seconds (≥ 0, default 0): after a click the detector is blind for τ.
    /// At a total click rate R it is live a fraction 1/(1 + Rτ) of the time (see <see cref="LiveFraction"/>).
    /// </summary>
    public double DeadTimeSeconds { get => _deadTime; init => _deadTime = ParameterGuard.NonNegative(value, "deadTime"); }

    /// <summary>
    /// Probability of at least one click without a signal photon in one detection window (the Y0 of
    /// decoy-state papers): the dark count given directly (or 1 − e^{−rate·window} from the rate),
    /// combined with the background, 1 − (1 − p_dark)·e^{−background·window}. With no background it is
    /// exactly the dark-count probability alone.
    /// </summary>
    public double DarkCountProbability
    {
        get
        {
            if (_darkCountProbability is { } given)
            {
                return _backgroundRate == 0 ? given : 1 - (1 - given) * Math.Exp(-_backgroundRate * DetectionWindowSeconds);
            }
            return -double.ExpM1(-(DarkCountRateHz + _backgroundRate) * DetectionWindowSeconds);
        }
        init => _darkCountProbability = ParameterGuard.Probability(value, "darkCountProbability");
    }

    /// <summary>
    /// Rate in Hz of clicks without a signal photon: the dark-count rate (from the rate, or the given
    /// probability per window converted back, −ln(1 − p)/window) plus the background rate.
    /// </summary>
    public double NoiseClickRateHz => (_darkCountProbability is { } given
        ? -double.LogP1(-given) / DetectionWindowSeconds
        : DarkCountRateHz) + _backgroundRate;

    /// <summary>
    /// Fraction of time a non-paralyzable detector is live when clicks would arrive at
    /// <paramref name="signalClickRateHz"/> (signal photons that would click) on top of its noise clicks:
    /// 1/(1 + Rτ) with R = signal + <see cref="NoiseClickRateHz"/> the unsaturated click rate
    /// (Müller 1973; Knoll, Radiation Detection and Measurement, ch. 4). Exactly 1 without dead time.
    /// </summary>
    public double LiveFraction(double signalClickRateHz)
    {
        if (_deadTime == 0)
        {
            return 1;
        }
        double rate = ParameterGuard.NonNegative(signalClickRateHz, "signalClickRate") + NoiseClickRateHz;
        return 1 / (1 + rate * _deadTime);
    }

    /// <summary>
    /// Efficiency that a saturating detector actually achieves: η_eff = η/(1 + Rτ), see <see cref="LiveFraction"/>.
    /// Exactly <see cref="Efficiency"/> without dead time.
    /// </summary>
    public double EffectiveEfficiency(double signalClickRateHz) =>
        _deadTime == 0 ? Efficiency : Efficiency * LiveFraction(signalClickRateHz);

    /// <summary>
    /// The detector as it performs at <paramref name="signalClickRateHz"/>: efficiency
    /// <see cref="EffectiveEfficiency"/>, dead time folded in (zero), everything else kept. Without dead time, itself.
    /// </summary>
    public Detector Saturated(double signalClickRateHz)
    {
        if (_deadTime == 0)
        {
            return this;
        }
        var saturated = new Detector(EffectiveEfficiency(signalClickRateHz), DarkCountRateHz, DetectionWindowSeconds, Misalignment) { BackgroundRateHz = _backgroundRate };
        return _darkCountProbability is { } given ? saturated with { DarkCountProbability = given } : saturated;
    }

    /// <summary>A detector given by its dark-count probability per window rather than a rate.</summary>
    public static Detector WithDarkCountProbability(double efficiency, double darkCountProbability, double misalignment = 0) =>
        new(efficiency, 0, DefaultWindow, misalignment) { DarkCountProbability = darkCountProbability };
}
