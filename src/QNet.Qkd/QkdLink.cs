using QNet.Physics.Hardware;

namespace QNet.Qkd;

/// <summary>
/// The optical path of a prepare-and-measure QKD link: a fiber from Alice to Bob and Bob's two
/// threshold detectors (one per bit value), sharing efficiency, dark-count probability and misalignment.
/// </summary>
/// <param name="Fiber">The fiber between the two ends.</param>
/// <param name="Detector">Bob's detectors; <see cref="Detector.DarkCountProbability"/> is the Y0 of the decoy-state papers, the probability that the pair of detectors clicks in one window without light.</param>
public sealed record QkdLink(FiberChannel Fiber, Detector Detector)
{
    /// <summary>Fiber attenuation of the GYS reference link (Gobby, Yuan and Shields 2004), in dB/km; the decoy defaults are optimised for it.</summary>
    public const double ReferenceAttenuationDbPerKm = 0.21;

    /// <summary>Bob's detection efficiency on the GYS reference link (4.5 %).</summary>
    public const double ReferenceDetectorEfficiency = 0.045;

    /// <summary>Y0, dark-click probability per detection window of the GYS reference link.</summary>
    public const double ReferenceDarkCountProbability = 1.7e-6;

    /// <summary>e_d, optical misalignment of the GYS reference link (3.3 %).</summary>
    public const double ReferenceMisalignment = 0.033;

    /// <summary>Bob's detectors on the GYS reference link (the default detection window).</summary>
    public static Detector ReferenceDetector() =>
        Detector.WithDarkCountProbability(ReferenceDetectorEfficiency, ReferenceDarkCountProbability, ReferenceMisalignment);

    /// <summary>The fiber.</summary>
    public FiberChannel Fiber { get; } = Fiber ?? throw new ArgumentNullException(nameof(Fiber));

    /// <summary>Bob's detectors.</summary>
    public Detector Detector { get; } = Detector ?? throw new ArgumentNullException(nameof(Detector));

    /// <summary>Fiber transmittance alone (what the repeaterless bound is evaluated on).</summary>
    public double ChannelTransmittance => Fiber.Transmittance;

    /// <summary>Overall transmittance η = η_fiber·η_detector of the decoy-state papers.</summary>
    public double Transmittance => Fiber.Transmittance * Detector.Efficiency;

    /// <summary>Y0, the probability of a click in a window with no light (either detector).</summary>
    public double VacuumYield => Detector.DarkCountProbability;

    /// <summary>Dark-click probability of one of the two detectors, 1 − √(1 − Y0), so that the pair has vacuum yield exactly Y0.</summary>
    public double DarkCountProbabilityPerDetector => -double.ExpM1(0.5 * double.LogP1(-VacuumYield));

    /// <summary>e_d, probability that a photon reaches the wrong detector.</summary>
    public double Misalignment => Detector.Misalignment;

    /// <summary>The same link with a different fiber length, in metres.</summary>
    public QkdLink WithLength(double metres) =>
        new(new FiberChannel(metres, Fiber.AttenuationDbPerKm, Fiber.LightSpeedMetresPerSecond), Detector);
}
