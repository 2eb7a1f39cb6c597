namespace QNet.Qkd.Bbm92;

/// <summary>
/// BBM92 with a pulsed spontaneous parametric down-conversion source between Alice and Bob
/// (Ma, Fung and Lo, PRA 76, 012307, 2007). Each pump pulse emits n pairs with the thermal
/// distribution P(n) = (n + 1)λ^n/(1 + λ)^{n+2} of a polarisation-entangled source, mean 2λ.
/// </summary>
/// <param name="MeanPairNumber">Mean pairs per pump pulse, μ = 2λ (&gt; 0).</param>
/// <param name="PulseRateHz">Pump pulses per second (&gt; 0).</param>
/// <param name="ZBasisProbability">Probability that each party measures in Z (0..1, exclusive); Z gives key, X estimates the phase error.</param>
/// <param name="SourcePosition">Where the source sits, as the fraction of the fiber length on Alice's side (0..1; 0.5 is the middle).</param>
/// <param name="ErrorCorrectionEfficiency">f used by the theoretical rate (≥ 1).</param>
public sealed record Bbm92Parameters(
    double MeanPairNumber = Bbm92Parameters.DefaultMeanPairNumber,
    double PulseRateHz = Bbm92Parameters.DefaultPulseRateHz,
    double ZBasisProbability = Bbm92Parameters.DefaultZBasisProbability,
    double SourcePosition = 0.5,
    double ErrorCorrectionEfficiency = Bbm92Parameters.DefaultErrorCorrectionEfficiency)
{
    /// <summary>Default μ = 2λ, mean pairs per pump pulse.</summary>
    public const double DefaultMeanPairNumber = 0.1;

    /// <summary>Default pump pulse rate in Hz (2 MHz).</summary>
    public const double DefaultPulseRateHz = 2e6;

    /// <summary>Default probability of the Z basis for each party (symmetric BBM92).</summary>
    public const double DefaultZBasisProbability = 0.5;

    /// <summary>Default f of the theoretical rate.</summary>
    public const double DefaultErrorCorrectionEfficiency = 1.22;

    /// <summary>μ = 2λ.</summary>
    public double MeanPairNumber { get; } = MeanPairNumber > 0 && MeanPairNumber < 10
        ? MeanPairNumber : throw new ArgumentOutOfRangeException(nameof(MeanPairNumber), MeanPairNumber, "mean pair number must lie between 0 and 10.");

    /// <summary>Pump rate in Hz.</summary>
    public double PulseRateHz { get; } = PulseRateHz > 0 && double.IsFinite(PulseRateHz)
        ? PulseRateHz : throw new ArgumentOutOfRangeException(nameof(PulseRateHz), PulseRateHz, "pulse rate must be a positive number of Hz.");

    /// <summary>Z-basis probability.</summary>
    public double ZBasisProbability { get; } = ZBasisProbability is > 0 and < 1
        ? ZBasisProbability : throw new ArgumentOutOfRangeException(nameof(ZBasisProbability), ZBasisProbability, "Z basis probability must lie strictly between 0 and 1.");

    /// <summary>Source position as Alice's share of the fiber.</summary>
    public double SourcePosition { get; } = SourcePosition is >= 0 and <= 1
        ? SourcePosition : throw new ArgumentOutOfRangeException(nameof(SourcePosition), SourcePosition, "source position must lie between 0 and 1.");

    /// <summary>f.</summary>
    public double ErrorCorrectionEfficiency { get; } = ErrorCorrectionEfficiency >= 1 && double.IsFinite(ErrorCorrectionEfficiency)
        ? ErrorCorrectionEfficiency : throw new ArgumentOutOfRangeException(nameof(ErrorCorrectionEfficiency), ErrorCorrectionEfficiency, "error-correction efficiency f must be at least 1.");

    /// <summary>λ, half the mean pair number: the mean of each of the two thermal modes.</summary>
    public double Lambda => MeanPairNumber / 2;
}
