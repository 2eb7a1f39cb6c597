using QNet.Qkd.Theory;

namespace QNet.Qkd.Bbm92;

/// <summary>
/// Closed forms of entangled-source QKD with multi-pair emission, Ma, Fung and Lo, PRA 76, 012307
/// (2007), eqs. 8–10: with ηA, ηB the overall transmittances to each side (fiber × detector),
/// Y0A, Y0B the vacuum yields and e_d the misalignment,
/// Q_λ = 1 − (1 − Y0A)/(1 + ηAλ)² − (1 − Y0B)/(1 + ηBλ)² + (1 − Y0A)(1 − Y0B)/(1 + ηAλ + ηBλ − ηAηBλ)²,
/// E_λQ_λ = e0·Q_λ − 2(e0 − e_d)ηAηBλ(1 + λ)/[(1 + ηAλ)(1 + ηBλ)(1 + ηAλ + ηBλ − ηAηBλ)],
/// R ≥ q·Q_λ[1 − f·h(E_λ) − h(E_λ)], bits per pump pulse (bit and phase errors are equal by symmetry).
/// </summary>
public static class Bbm92Theory
{
    /// <summary>Q_λ, the coincidence probability per pump pulse.</summary>
    public static double Gain(double lambda, double etaA, double etaB, double y0A, double y0B)
    {
        double a = 1 + etaA * lambda, b = 1 + etaB * lambda, c = 1 + etaA * lambda + etaB * lambda - etaA * etaB * lambda;
        return 1 - (1 - y0A) / (a * a) - (1 - y0B) / (b * b) + (1 - y0A) * (1 - y0B) / (c * c);
    }

    /// <summary>E_λ, the QBER of coincidences in matched bases.</summary>
    public static double ErrorRate(double lambda, double etaA, double etaB, double y0A, double y0B, double misalignment)
    {
        double q = Gain(lambda, etaA, etaB, y0A, y0B);
        if (q <= 0)
        {
            return 0.5;
        }
        double a = 1 + etaA * lambda, b = 1 + etaB * lambda, c = 1 + etaA * lambda + etaB * lambda - etaA * etaB * lambda;
        double correlated = 2 * (0.5 - misalignment) * etaA * etaB * lambda * (1 + lambda) / (a * b * c);
        return (0.5 * q - correlated) / q;
    }

    /// <summary>The asymptotic rate q·Q_λ[1 − f·h(E_λ) − h(E_λ)] floored at 0, bits per pump pulse, with q the sifting factor.</summary>
    public static double AsymptoticRate(double lambda, double etaA, double etaB, double y0A, double y0B, double misalignment, double errorCorrectionEfficiency, double siftingFactor)
    {
        double q = Gain(lambda, etaA, etaB, y0A, y0B);
        double e = ErrorRate(lambda, etaA, etaB, y0A, y0B, misalignment);
        return Math.Max(0, siftingFactor * q * (1 - errorCorrectionEfficiency * BinaryEntropy.Of(e) - BinaryEntropy.Of(e)));
    }

    /// <summary>The asymptotic rate for a link and source: key from matched Z (q = p_Z²).</summary>
    public static double AsymptoticRate(Bbm92Parameters source, QkdLink link)
    {
        var (etaA, etaB) = SideTransmittances(source, link);
        return AsymptoticRate(source.Lambda, etaA, etaB, link.VacuumYield, link.VacuumYield, link.Misalignment, source.ErrorCorrectionEfficiency, source.ZBasisProbability * source.ZBasisProbability);
    }

    /// <summary>ηA and ηB: fiber from the source to each end times the detector efficiency.</summary>
    public static (double EtaA, double EtaB) SideTransmittances(Bbm92Parameters source, QkdLink link)
    {
        double length = link.Fiber.LengthMetres;
        double etaA = link.Fiber.TransmittanceOver(length * source.SourcePosition) * link.Detector.Efficiency;
        double etaB = link.Fiber.TransmittanceOver(length * (1 - source.SourcePosition)) * link.Detector.Efficiency;
        return (etaA, etaB);
    }
}
