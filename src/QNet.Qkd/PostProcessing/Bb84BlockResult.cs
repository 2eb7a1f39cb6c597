using QNet.Qkd.PostProcessing.Cascade;
using QNet.Qkd.Theory;

namespace QNet.Qkd.PostProcessing;

/// <summary>Everything post-processing learned about one block.</summary>
/// <param name="Outcome">What became of the block.</param>
/// <param name="Pulses">Pulses Alice sent in the block.</param>
/// <param name="Detections">Clicked pulses.</param>
/// <param name="SignalGain">Q_μ: signal-class clicks over signal pulses sent (Alice's expected count N·p_signal).</param>
/// <param name="SiftedKeyBits">Matched-Z bits before the test sample was removed.</param>
/// <param name="SampledQber">QBER estimated from the disclosed test sample, with its interval.</param>
/// <param name="Qber">QBER of the raw key measured by error correction (bits flipped / key bits).</param>
/// <param name="PhaseErrorRateX">Error rate of the matched-X detections (all intensities).</param>
/// <param name="SinglePhoton">Ma–Qi–Zhao–Lo bounds on Y1 and e1 from this block's signal, decoy and vacuum gains, with finite-size deviations.</param>
/// <param name="Cascade">Error-correction figures.</param>
/// <param name="VerificationPassed">Whether the verification tags matched.</param>
/// <param name="FiniteKey">The finite-key bound terms.</param>
/// <param name="Key">The key block, when one was produced.</param>
/// <param name="KeysIdentical">Simulation-only check that Alice's and Bob's final keys are bit-for-bit equal (a real system cannot see this).</param>
public sealed record Bb84BlockResult(
    QkdBlockOutcome Outcome,
    long Pulses,
    int Detections,
    double SignalGain,
    int SiftedKeyBits,
    QberEstimate SampledQber,
    double Qber,
    double PhaseErrorRateX,
    SinglePhotonBounds SinglePhoton,
    CascadeOutcome Cascade,
    bool VerificationPassed,
    FiniteKeyResult FiniteKey,
    QkdKeyBlock? Key,
    bool KeysIdentical)
{
    /// <summary>Secret bits produced (0 unless a key was produced).</summary>
    public long SecretBits => Key is null ? 0 : Key.LengthBits;

    /// <summary>Secret bits per pulse sent.</summary>
    public double SecretBitsPerPulse => Pulses == 0 ? 0 : (double)SecretBits / Pulses;
}
