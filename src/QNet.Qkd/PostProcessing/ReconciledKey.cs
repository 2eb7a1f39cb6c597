using QNet.Qkd.PostProcessing.Cascade;

namespace QNet.Qkd.PostProcessing;

/// <summary>
/// One block after parameter estimation, error correction and verification: what the protocols'
/// finite-key bounds read, and what privacy amplification hashes. Key bits are one per byte.
/// </summary>
/// <param name="IsTest">Per sifted bit: whether it was disclosed in the test sample (and so left out of the key).</param>
/// <param name="Alice">Alice's key: the sifted bits outside the test sample, in sifted order.</param>
/// <param name="Bob">Bob's key as measured, before error correction (same positions as <paramref name="Alice"/>).</param>
/// <param name="Corrected">Bob's key after Cascade.</param>
/// <param name="SampledQber">QBER estimated from the disclosed test sample.</param>
/// <param name="Cascade">Error-correction figures.</param>
/// <param name="VerificationPassed">Whether the verification tags of the two keys matched.</param>
internal sealed record ReconciledKey(
    bool[] IsTest,
    byte[] Alice,
    byte[] Bob,
    byte[] Corrected,
    QberEstimate SampledQber,
    CascadeOutcome Cascade,
    bool VerificationPassed)
{
    /// <summary>Key bits (sifted bits less the test sample).</summary>
    public int KeyBits => Alice.Length;

    /// <summary>QBER of the key measured by error correction: bits flipped over key bits, capped at 0.5 (0 for an empty key).</summary>
    public double Qber => KeyBits == 0 ? 0 : Math.Min(0.5, (double)Cascade.CorrectedBits / KeyBits);

    /// <summary>Bits disclosed about the key: every parity Cascade sent plus the verification tag (counted conservatively).</summary>
    public double LeakedBits => Cascade.LeakedBits + PolynomialHash.TagBits;
}
