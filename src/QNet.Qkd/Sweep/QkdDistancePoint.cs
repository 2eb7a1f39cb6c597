namespace QNet.Qkd.Sweep;

/// <summary>Simulated and theoretical figures at one distance.</summary>
/// <param name="DistanceKm">Fiber length in km.</param>
/// <param name="ChannelTransmittance">Fiber transmittance η_fiber.</param>
/// <param name="Pulses">Pulses (or source pump pulses) simulated.</param>
/// <param name="Gain">Measured gain: signal-pulse click probability (BB84) or coincidence probability per pump pulse (BBM92).</param>
/// <param name="Qber">Measured QBER of the key basis.</param>
/// <param name="SiftedBits">Sifted key bits.</param>
/// <param name="SecretBits">Secret bits distilled.</param>
/// <param name="ErrorCorrectionEfficiency">Measured Cascade efficiency f (NaN when nothing was corrected).</param>
/// <param name="DiscardedBlocks">Blocks that produced no key.</param>
/// <param name="SecretKeyRateBitsPerPulse">Simulated finite-key secret bits per pulse.</param>
/// <param name="SecretKeyRateBitsPerSecond">The same per second at the pulse rate.</param>
/// <param name="AsymptoticKeyRateBitsPerPulse">Theoretical asymptotic rate: GLLP with infinite decoys (BB84) or Ma–Fung–Lo (BBM92).</param>
/// <param name="PracticalAsymptoticKeyRateBitsPerPulse">Asymptotic rate with the practical vacuum + weak decoy estimates (BB84; equal to the asymptotic rate for BBM92).</param>
/// <param name="TheoreticalGain">Closed-form gain.</param>
/// <param name="TheoreticalQber">Closed-form QBER.</param>
/// <param name="PlobBoundBitsPerPulse">Repeaterless bound −log2(1 − η_fiber).</param>
public sealed record QkdDistancePoint(
    double DistanceKm,
    double ChannelTransmittance,
    long Pulses,
    double Gain,
    double Qber,
    long SiftedBits,
    long SecretBits,
    double ErrorCorrectionEfficiency,
    int DiscardedBlocks,
    double SecretKeyRateBitsPerPulse,
    double SecretKeyRateBitsPerSecond,
    double AsymptoticKeyRateBitsPerPulse,
    double PracticalAsymptoticKeyRateBitsPerPulse,
    double TheoreticalGain,
    double TheoreticalQber,
    double PlobBoundBitsPerPulse);
