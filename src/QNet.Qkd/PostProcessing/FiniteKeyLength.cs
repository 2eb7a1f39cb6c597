using QNet.Qkd.Bb84;
using QNet.Qkd.Theory;

namespace QNet.Qkd.PostProcessing;

/// <summary>The terms of the finite-key bound for one block.</summary>
/// <param name="VacuumEvents">s_{Z,0}: lower bound on key bits from vacuum pulses.</param>
/// <param name="SinglePhotonEvents">s_{Z,1}: lower bound on key bits from single-photon pulses.</param>
/// <param name="PhaseErrorRate">φ_Z: upper bound on the single-photon phase error rate.</param>
/// <param name="LeakedBits">λ_EC: bits disclosed by error correction.</param>
/// <param name="SecretBits">ℓ, the secret key length (≥ 0, whole bits).</param>
public sealed record FiniteKeyResult(double VacuumEvents, double SinglePhotonEvents, double PhaseErrorRate, double LeakedBits, long SecretBits);

/// <summary>
/// Finite-key secret length of three-intensity decoy-state BB84 from Lim, Curty, Walenta, Xu and
/// Zbinden, "Concise security bounds for practical decoy-state QKD", PRA 89, 022307 (2014), eqs. 1–5
/// and appendix: with Hoeffding-corrected counts n^±_{Z,k} = e^{μk}/pk·(n_{Z,k} ± √(n_Z/2·ln(21/ε_sec))),
/// s_{Z,0} ≥ τ0(μ2 n^−_{Z,3} − μ3 n^+_{Z,2})/(μ2 − μ3),
/// s_{Z,1} ≥ τ1 μ1[n^−_{Z,2} − n^+_{Z,3} − (μ2² − μ3²)/μ1²·(n^+_{Z,1} − s_{Z,0}/τ0)] / [μ1(μ2 − μ3) − μ2² + μ3²],
/// v_{X,1} ≤ τ1(m^+_{X,2} − m^−_{X,3})/(μ2 − μ3), φ_Z ≤ v_{X,1}/s_{X,1} + γ(ε_sec, v_{X,1}/s_{X,1}, s_{Z,1}, s_{X,1}),
/// ℓ = ⌊s_{Z,0} + s_{Z,1}(1 − h(φ_Z)) − λ_EC − 6·log2(21/ε_sec) − log2(2/ε_cor)⌋,
/// ε_sec-secret and ε_cor-correct. τn = Σk pk e^{−μk} μk^n/n!.
/// </summary>
public static class FiniteKeyLength
{
    /// <summary>The bound for measured <paramref name="counts"/>, error-correction leak <paramref name="leakedBits"/> and the two security parameters.</summary>
    public static FiniteKeyResult Compute(DecoyBb84Parameters protocol, DecoyCounts counts, double leakedBits, double epsilonSecrecy, double epsilonCorrectness) =>
        Compute(protocol, counts, leakedBits, epsilonSecrecy, epsilonCorrectness, withFluctuations: true);

    /// <summary>
    /// The same expression with the fluctuation terms removed (Hoeffding deviations, γ and the
    /// ε-dependent constants): the asymptotic rate this protocol's finite-key bound tends to.
    /// </summary>
    public static FiniteKeyResult Asymptotic(DecoyBb84Parameters protocol, DecoyCounts counts, double leakedBits) =>
        Compute(protocol, counts, leakedBits, 1, 1, withFluctuations: false);

    private static FiniteKeyResult Compute(DecoyBb84Parameters protocol, DecoyCounts counts, double leakedBits, double epsilonSecrecy, double epsilonCorrectness, bool withFluctuations)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(counts);
        if (withFluctuations && (epsilonSecrecy is <= 0 or >= 1 || epsilonCorrectness is <= 0 or >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilonSecrecy), "security parameters must lie strictly between 0 and 1.");
        }
        double mu1 = protocol.Intensity(0), mu2 = protocol.Intensity(1), mu3 = protocol.Intensity(2);
        double tau0 = Tau(protocol, 0), tau1 = Tau(protocol, 1);
        double lnTerm = withFluctuations ? Math.Log(21 / epsilonSecrecy) : 0;

        double[] Corrected(IReadOnlyList<double> n, double total, int sign)
        {
            double delta = Math.Sqrt(total / 2 * lnTerm);
            var r = new double[3];
            for (int k = 0; k < 3; k++)
            {
                r[k] = Math.Exp(protocol.Intensity(k)) / protocol.Probability(k) * (n[k] + sign * delta);
            }
            return r;
        }

        (double S0, double S1) Yields(IReadOnlyList<double> n, double total)
        {
            double[] lo = Corrected(n, total, -1), hi = Corrected(n, total, +1);
            double s0 = Math.Max(0, tau0 * (mu2 * lo[2] - mu3 * hi[1]) / (mu2 - mu3));
            double s1 = tau1 * mu1 * (lo[1] - hi[2] - (mu2 * mu2 - mu3 * mu3) / (mu1 * mu1) * (hi[0] - s0 / tau0))
                / (mu1 * (mu2 - mu3) - mu2 * mu2 + mu3 * mu3);
            return (s0, Math.Max(0, s1));
        }

        var (sz0, sz1) = Yields(counts.KeyDetections, counts.KeyTotal);
        var (_, sx1) = Yields(counts.TestDetections, counts.TestTotal);
        double[] mLo = Corrected(counts.TestErrors, counts.TestErrorTotal, -1), mHi = Corrected(counts.TestErrors, counts.TestErrorTotal, +1);
        double vx1 = Math.Max(0, tau1 * (mHi[1] - mLo[2]) / (mu2 - mu3));

        double phase = 0.5;
        if (sx1 > 0 && sz1 > 0)
        {
            double ratio = Math.Min(0.5, vx1 / sx1);
            phase = withFluctuations ? ratio + Gamma(epsilonSecrecy, ratio, sz1, sx1) : ratio;
            phase = Math.Min(0.5, phase);
        }
        double constants = withFluctuations ? 6 * Math.Log2(21 / epsilonSecrecy) + Math.Log2(2 / epsilonCorrectness) : 0;
        double length = sz0 + sz1 * (1 - BinaryEntropy.Of(phase)) - leakedBits - constants;
        long secret = length > 0 && double.IsFinite(length) ? (long)Math.Floor(length) : 0;
        return new FiniteKeyResult(sz0, sz1, phase, leakedBits, secret);
    }

    /// <summary>τn = Σk pk e^{−μk} μk^n / n!, the probability that a pulse carries n photons.</summary>
    public static double Tau(DecoyBb84Parameters protocol, int photons)
    {
        double factorial = 1;
        for (int i = 2; i <= photons; i++)
        {
            factorial *= i;
        }
        double tau = 0;
        for (int k = 0; k < 3; k++)
        {
            double mu = protocol.Intensity(k);
            tau += protocol.Probability(k) * Math.Exp(-mu) * Math.Pow(mu, photons) / factorial;
        }
        return tau;
    }

    // γ(a, b, c, d) = √((c + d)(1 − b)b/(c·d·ln 2) · log2((c + d)/(c·d·(1 − b)b) · 21²/a²)).
    private static double Gamma(double a, double b, double c, double d)
    {
        if (b <= 0 || b >= 1)
        {
            b = Math.Clamp(b, 1e-12, 1 - 1e-12);
        }
        double inner = (c + d) / (c * d * (1 - b) * b) * (21.0 * 21.0) / (a * a);
        double value = (c + d) * (1 - b) * b / (c * d * Math.Log(2)) * Math.Log2(inner);
        return value > 0 ? Math.Sqrt(value) : 0;
    }
}
