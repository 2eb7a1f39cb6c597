using QNet.Qkd.PostProcessing.Cascade;

namespace QNet.Qkd.PostProcessing;

/// <summary>
/// One block after parameter estimation, error correction and verification: what the protocols'
/// finite-key bounds read, and what privacy amplification hashes. Key bits are one per byte.
/// </summary>
internal sealed class ReconciledKey
{
    internal ReconciledKey(bool[] isTest, byte[] alice, byte[] bob, byte[] corrected, QberEstimate sampledQber, CascadeOutcome cascade, bool verificationPassed)
    {
        IsTest = isTest;
        Alice = alice;
        Bob = bob;
        Corrected = corrected;
        SampledQber = sampledQber;
        Cascade = cascade;
        VerificationPassed = verificationPassed;
    }

    /// <summary>Per sifted bit: whether it was disclosed in the test sample (and so left out of the key).</summary>
    public bool[] IsTest { get; }

    /// <summary>Alice's key: the sifted bits outside the test sample, in sifted order.</summary>
    public byte[] Alice { get; }

    /// <summary>Bob's key as measured, before error correction (same positions as <see cref="Alice"/>).</summary>
    public byte[] Bob { get; }

    /// <summary>Bob's key after Cascade.</summary>
    public byte[] Corrected { get; }

    /// <summary>Key bits (sifted bits less the test sample).</summary>
    public int KeyBits => Alice.Length;

    /// <summary>QBER estimated from the disclosed test sample.</summary>
    public QberEstimate SampledQber { get; }

    /// <summary>Error-correction figures.</summary>
    public CascadeOutcome Cascade { get; }

    /// <summary>QBER of the key measured by error correction: bits flipped over key bits, capped at 0.5 (0 for an empty key).</summary>
    public double Qber => KeyBits == 0 ? 0 : Math.Min(0.5, (double)Cascade.CorrectedBits / KeyBits);

    /// <summary>Whether the verification tags of the two keys matched.</summary>
    public bool VerificationPassed { get; }

    /// <summary>Bits disclosed about the key: every parity Cascade sent plus the verification tag (counted conservatively).</summary>
    public double LeakedBits => Cascade.LeakedBits + PolynomialHash.TagBits;
}
