using QNet.Qkd.Theory;

namespace QNet.Qkd.Bbm92;

/// <summary>The terms of the entanglement-based finite-key bound for one block.</summary>
/// <param name="KeyBits">n, key bits (matched Z).</param>
/// <param name="TestBits">k, test bits (matched X).</param>
/// <param name="PhaseErrorRate">Observed X error rate, used as the tolerated phase error Q_tol.</param>
/// <param name="Deviation">μ, the sampling deviation added to Q_tol.</param>
/// <param name="LeakedBits">leak_EC.</param>
/// <param name="SecretBits">ℓ (≥ 0, whole bits).</param>
public sealed record Bbm92FiniteKeyResult(long KeyBits, long TestBits, double PhaseErrorRate, double Deviation, double LeakedBits, long SecretBits);

/// <summary>
/// Finite-key length of BB84-type entanglement-based QKD (Tomamichel, Lim, Gisin and Renner,
/// "Tight finite-key analysis for quantum cryptography", Nat. Commun. 3, 634 (2012), eq. 2):
/// ℓ = ⌊n(1 − h(Q_tol + μ)) − leak_EC − log2(2/(ε_sec²·ε_cor))⌋ with
/// μ = √((n + k)/(n·k) · (k + 1)/k · ln(2/ε_sec)); ε_sec-secret and ε_cor-correct. Q_tol is set to
/// the phase error rate observed on the k test bits of the block (a system would fix it in advance
/// and abort above it). Threshold detectors with random assignment of double clicks admit a
/// qubit squashing model, so the bound applies to the SPDC and network cases alike.
/// </summary>
public static class Bbm92FiniteKey
{
    /// <summary>The bound for <paramref name="keyBits"/> key bits, <paramref name="testBits"/> test bits with <paramref name="testErrors"/> errors, and the leak.</summary>
    public static Bbm92FiniteKeyResult Compute(long keyBits, long testBits, long testErrors, double leakedBits, double epsilonSecrecy, double epsilonCorrectness)
    {
        if (epsilonSecrecy is <= 0 or >= 1 || epsilonCorrectness is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilonSecrecy), "security parameters must lie strictly between 0 and 1.");
        }
        if (keyBits <= 0 || testBits <= 0)
        {
            return new Bbm92FiniteKeyResult(keyBits, testBits, 0.5, double.PositiveInfinity, leakedBits, 0);
        }
        double n = keyBits, k = testBits;
        double q = (double)testErrors / testBits;
        double mu = Math.Sqrt((n + k) / (n * k) * (k + 1) / k * Math.Log(2 / epsilonSecrecy));
        double length = n * (1 - BinaryEntropy.Of(q + mu)) - leakedBits - Math.Log2(2 / (epsilonSecrecy * epsilonSecrecy * epsilonCorrectness));
        long secret = length > 0 ? (long)Math.Floor(length) : 0;
        return new Bbm92FiniteKeyResult(keyBits, testBits, q, mu, leakedBits, secret);
    }
}
