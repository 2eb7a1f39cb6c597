namespace QNet.Qkd.Bb84;

/// <summary>
/// Protocol parameters of efficient decoy-state BB84 with three intensities (signal μ1, decoy μ2,
/// vacuum-or-weak μ3), as in Lim, Curty, Walenta, Xu and Zbinden (PRA 89, 022307, 2014). Alice
/// and Bob both choose the Z basis with <see cref="ZBasisProbability"/>; Z detections of every
/// intensity form the raw key, X detections estimate the phase error. The defaults maximise the
/// finite-key rate of 10^11-pulse blocks at 100 km on the GYS link (0.21 dB/km, η_Bob 4.5 %,
/// Y0 1.7e-6, e_d 3.3 %) over a grid of intensities and probabilities.
/// </summary>
/// <param name="SignalIntensity">μ1, mean photon number of signal pulses (&gt; 0).</param>
/// <param name="DecoyIntensity">μ2, mean photon number of decoy pulses; μ2 &gt; μ3 and μ1 &gt; μ2 + μ3.</param>
/// <param name="VacuumIntensity">μ3, mean photon number of the weakest class (0 for true vacuum).</param>
/// <param name="SignalProbability">Probability that a pulse is a signal pulse.</param>
/// <param name="DecoyProbability">Probability that a pulse is a decoy pulse; the vacuum class takes the rest.</param>
/// <param name="ZBasisProbability">Probability that Alice (and, independently, Bob) uses the Z basis (0..1, exclusive).</param>
/// <param name="PulseRateHz">Pulses per second (&gt; 0).</param>
/// <param name="ErrorCorrectionEfficiency">f, leaked bits over n·h(Q) assumed by the theoretical rate (≥ 1).</param>
/// <param name="AfterpulseProbability">Probability that a click causes a spurious click of the same detector in the next window (0..1).</param>
public sealed record DecoyBb84Parameters(
    double SignalIntensity = DecoyBb84Parameters.DefaultSignalIntensity,
    double DecoyIntensity = DecoyBb84Parameters.DefaultDecoyIntensity,
    double VacuumIntensity = DecoyBb84Parameters.DefaultVacuumIntensity,
    double SignalProbability = DecoyBb84Parameters.DefaultSignalProbability,
    double DecoyProbability = DecoyBb84Parameters.DefaultDecoyProbability,
    double ZBasisProbability = DecoyBb84Parameters.DefaultZBasisProbability,
    double PulseRateHz = DecoyBb84Parameters.DefaultPulseRateHz,
    double ErrorCorrectionEfficiency = DecoyBb84Parameters.DefaultErrorCorrectionEfficiency,
    double AfterpulseProbability = 0)
{
    /// <summary>Default μ1 (mean photons per signal pulse), optimised for the GYS link at 100 km (see the type).</summary>
    public const double DefaultSignalIntensity = 0.4;

    /// <summary>Default μ2 (mean photons per decoy pulse).</summary>
    public const double DefaultDecoyIntensity = 0.2;

    /// <summary>Default μ3 (true vacuum).</summary>
    public const double DefaultVacuumIntensity = 0;

    /// <summary>Default p(μ1); the library's optimum, not the scenario file's 0.8 (<c>QkdSpec.DefaultIntensityProbabilities</c>).</summary>
    public const double DefaultSignalProbability = 0.4;

    /// <summary>Default p(μ2); p(μ3) takes the rest (0.2).</summary>
    public const double DefaultDecoyProbability = 0.4;

    /// <summary>Default probability of the Z basis for each party; the scenario file's default is 0.5.</summary>
    public const double DefaultZBasisProbability = 0.8;

    /// <summary>Default pulse rate in Hz (2 MHz, the GYS experiment's).</summary>
    public const double DefaultPulseRateHz = 2e6;

    /// <summary>Default f of the theoretical rate; the scenario file's default is 1.16 (the measured Cascade f).</summary>
    public const double DefaultErrorCorrectionEfficiency = 1.22;

    /// <summary>μ1.</summary>
    public double SignalIntensity { get; } = SignalIntensity > 0 && double.IsFinite(SignalIntensity)
        ? SignalIntensity : throw new ArgumentOutOfRangeException(nameof(SignalIntensity), SignalIntensity, "signal intensity must be a positive mean photon number.");

    /// <summary>μ2.</summary>
    public double DecoyIntensity { get; } = DecoyIntensity > VacuumIntensity && SignalIntensity > DecoyIntensity + VacuumIntensity
        ? DecoyIntensity : throw new ArgumentOutOfRangeException(nameof(DecoyIntensity), DecoyIntensity, "decoy intensity must satisfy vacuum < decoy and decoy + vacuum < signal.");

    /// <summary>μ3.</summary>
    public double VacuumIntensity { get; } = VacuumIntensity >= 0
        ? VacuumIntensity : throw new ArgumentOutOfRangeException(nameof(VacuumIntensity), VacuumIntensity, "vacuum intensity must be at least 0.");

    /// <summary>p(μ1).</summary>
    public double SignalProbability { get; } = SignalProbability is > 0 and < 1
        ? SignalProbability : throw new ArgumentOutOfRangeException(nameof(SignalProbability), SignalProbability, "signal probability must lie strictly between 0 and 1.");

    /// <summary>p(μ2).</summary>
    public double DecoyProbability { get; } = DecoyProbability > 0 && SignalProbability + DecoyProbability < 1
        ? DecoyProbability : throw new ArgumentOutOfRangeException(nameof(DecoyProbability), DecoyProbability, "decoy probability must be positive and leave a positive probability for the vacuum class.");

    /// <summary>Probability of the Z basis for each party.</summary>
    public double ZBasisProbability { get; } = ZBasisProbability is > 0 and < 1
        ? ZBasisProbability : throw new ArgumentOutOfRangeException(nameof(ZBasisProbability), ZBasisProbability, "Z basis probability must lie strictly between 0 and 1.");

    /// <summary>Pulse rate in Hz.</summary>
    public double PulseRateHz { get; } = PulseRateHz > 0 && double.IsFinite(PulseRateHz)
        ? PulseRateHz : throw new ArgumentOutOfRangeException(nameof(PulseRateHz), PulseRateHz, "pulse rate must be a positive number of Hz.");

    /// <summary>Error-correction efficiency f used by the theoretical rate.</summary>
    public double ErrorCorrectionEfficiency { get; } = ErrorCorrectionEfficiency >= 1 && double.IsFinite(ErrorCorrectionEfficiency)
        ? ErrorCorrectionEfficiency : throw new ArgumentOutOfRangeException(nameof(ErrorCorrectionEfficiency), ErrorCorrectionEfficiency, "error-correction efficiency f must be at least 1.");

    /// <summary>After-pulse probability per click.</summary>
    public double AfterpulseProbability { get; } = AfterpulseProbability is >= 0 and < 1
        ? AfterpulseProbability : throw new ArgumentOutOfRangeException(nameof(AfterpulseProbability), AfterpulseProbability, "afterpulse probability must lie in [0, 1).");

    /// <summary>p(μ3) = 1 − p(μ1) − p(μ2).</summary>
    public double VacuumProbability => 1 - SignalProbability - DecoyProbability;

    /// <summary>Mean photon number of intensity class 0 (signal), 1 (decoy) or 2 (vacuum).</summary>
    public double Intensity(int intensityClass) => intensityClass switch
    {
        0 => SignalIntensity,
        1 => DecoyIntensity,
        2 => VacuumIntensity,
        _ => throw new ArgumentOutOfRangeException(nameof(intensityClass)),
    };

    /// <summary>Probability of intensity class 0 (signal), 1 (decoy) or 2 (vacuum).</summary>
    public double Probability(int intensityClass) => intensityClass switch
    {
        0 => SignalProbability,
        1 => DecoyProbability,
        2 => VacuumProbability,
        _ => throw new ArgumentOutOfRangeException(nameof(intensityClass)),
    };

    /// <summary>Number of intensity classes (3).</summary>
    public const int IntensityClasses = 3;
}
