using QNet.Qkd;

namespace QNet.Network.Scenarios;

/// <summary>
/// QKD settings of a link (<c>qkd</c> block) or a qkd session. Intensities are mean photon numbers
/// per pulse; probabilities are plain numbers in 0..1.
/// </summary>
/// <param name="Protocol"><c>protocol</c>: bb84-decoy (direct links) or bbm92 (entangled pairs).</param>
public sealed record QkdSpec(QkdProtocol Protocol)
{
    // The file defaults below are the scenario format's, and differ on purpose from the library's
    // (DecoyBb84Parameters: probabilities 0.4/0.4/0.2, p_Z 0.8, f 1.22, optimised for the GYS link):
    // a file describes a running link (symmetric bases, the f Cascade measures). Both are pinned by
    // the golden outputs; docs/qkd.md names both.

    /// <summary>Cascade efficiency used when the file gives none (a typical f for a practical code).</summary>
    public const double DefaultErrorCorrectionEfficiency = 1.16;

    /// <summary>Post-processing block size used when the file gives none, in sifted bits.</summary>
    public const long DefaultBlockSizeBits = 1_000_000;

    /// <summary>Security parameter ε used when the file gives none.</summary>
    public const double DefaultSecurityParameter = 1e-10;

    /// <summary><c>pulseRate</c> in Hz: pulses (bb84-decoy, required) or pair-source pulses (bbm92, optional) per second.</summary>
    public double? PulseRateHz { get; init; }

    /// <summary><c>errorCorrectionEfficiency</c> f ≥ 1 (leaked bits per Shannon limit), default 1.16.</summary>
    public double ErrorCorrectionEfficiency { get; init; } = DefaultErrorCorrectionEfficiency;

    /// <summary><c>intensities</c>: signal, decoy and vacuum mean photon numbers (bb84-decoy only, required there).</summary>
    public DecoyIntensities? Intensities { get; init; }

    /// <summary><c>intensityProbabilities</c>: how often each intensity is sent (bb84-decoy only; default 0.8/0.1/0.1).</summary>
    public DecoyIntensities? IntensityProbabilities { get; init; }

    /// <summary>Z-basis probability of each party used when the file gives none (symmetric bases).</summary>
    public const double DefaultZBasisProbability = 0.5;

    /// <summary><c>zBasisProbability</c>: probability that each party picks the Z (key) basis, default 0.5.</summary>
    public double ZBasisProbability { get; init; } = DefaultZBasisProbability;

    /// <summary><c>blockSize</c>: sifted bits per post-processing block, default 10⁶.</summary>
    public long BlockSizeBits { get; init; } = DefaultBlockSizeBits;

    /// <summary><c>securityParameter</c> ε of the finite-key analysis (0 &lt; ε &lt; 1), default 10⁻¹⁰.</summary>
    public double SecurityParameter { get; init; } = DefaultSecurityParameter;

    /// <summary>
    /// <c>postProcessingVersion</c> (bb84-decoy only): the post-processing configuration version both ends start on, default
    /// <see cref="QNet.Qkd.PostProcessing.Versions.PostProcessingVersions.Current"/>; the loader accepts only known versions.
    /// </summary>
    public int PostProcessingVersion { get; init; } = QNet.Qkd.PostProcessing.Versions.PostProcessingVersions.Current;

    /// <summary><c>afterPulseProbability</c> of the detectors per detection, default 0.</summary>
    public double AfterPulseProbability { get; init; }

    /// <summary><c>meanPairNumber</c> μ of an entangled-photon source per pulse (bbm92 only; λ = μ/2 in Ma–Fung–Lo), or null.</summary>
    public double? MeanPairNumber { get; init; }

    /// <summary>The sending probabilities used when the file gives none: signal 0.8, decoy 0.1, vacuum 0.1.</summary>
    public static DecoyIntensities DefaultIntensityProbabilities { get; } = new(0.8, 0.1, 0.1);
}
