using QNet.Qkd.PostProcessing;
using QNet.Qkd.PostProcessing.Cascade;

namespace QNet.Qkd.Bbm92;

/// <summary>Everything post-processing learned about one BBM92 block.</summary>
/// <param name="Outcome">What became of the block.</param>
/// <param name="Pulses">Pump pulses (or delivered pairs) in the block.</param>
/// <param name="Coincidences">Events where both ends clicked.</param>
/// <param name="SiftedKeyBits">Matched-Z bits before the test sample was removed.</param>
/// <param name="SampledQber">QBER estimated from the disclosed test sample.</param>
/// <param name="Qber">QBER of the key measured by error correction.</param>
/// <param name="Cascade">Error-correction figures.</param>
/// <param name="VerificationPassed">Whether the verification tags matched.</param>
/// <param name="FiniteKey">The finite-key bound terms.</param>
/// <param name="Key">The key block, when one was produced.</param>
/// <param name="KeysIdentical">Simulation-only check that both final keys are equal.</param>
public sealed record Bbm92BlockResult(
    QkdBlockOutcome Outcome,
    long Pulses,
    int Coincidences,
    int SiftedKeyBits,
    QberEstimate SampledQber,
    double Qber,
    CascadeOutcome Cascade,
    bool VerificationPassed,
    Bbm92FiniteKeyResult FiniteKey,
    QkdKeyBlock? Key,
    bool KeysIdentical)
{
    /// <summary>Secret bits produced.</summary>
    public long SecretBits => Key is null ? 0 : Key.LengthBits;

    /// <summary>Secret bits per pump pulse (or delivered pair).</summary>
    public double SecretBitsPerPulse => Pulses == 0 ? 0 : (double)SecretBits / Pulses;
}
