using QNet.Qkd.Bb84;

namespace QNet.Qkd.Theory;

/// <summary>
/// Closed forms of decoy-state BB84 (Lo–Ma–Chen, PRL 94, 230504, 2005; Ma–Qi–Zhao–Lo, PRA 72,
/// 012326, 2005) as written in the physics reference, with η the overall transmittance, Y0 the
/// vacuum yield, e_d the misalignment and e0 = 1/2.
/// </summary>
public static class DecoyBb84Theory
{
    /// <summary>Q_μ = Y0 + 1 − e^{−ημ}: probability that a pulse of mean photon number μ gives a click.</summary>
    public static double Gain(double transmittance, double intensity, double vacuumYield) =>
        vacuumYield - double.ExpM1(-transmittance * intensity);

    /// <summary>E_μ = (e0·Y0 + e_d(1 − e^{−ημ}))/Q_μ: the error rate of those clicks, with bases matched.</summary>
    public static double ErrorRate(double transmittance, double intensity, double vacuumYield, double misalignment)
    {
        double gain = Gain(transmittance, intensity, vacuumYield);
        return gain <= 0 ? 0 : (0.5 * vacuumYield - misalignment * double.ExpM1(-transmittance * intensity)) / gain;
    }

    /// <summary>Y1 ≈ Y0 + η: the single-photon yield.</summary>
    public static double SinglePhotonYield(double transmittance, double vacuumYield) => vacuumYield + transmittance;

    /// <summary>e1 = (e0·Y0 + e_d·η)/Y1: the single-photon error rate.</summary>
    public static double SinglePhotonErrorRate(double transmittance, double vacuumYield, double misalignment)
    {
        double y1 = SinglePhotonYield(transmittance, vacuumYield);
        return y1 <= 0 ? 0 : (0.5 * vacuumYield + misalignment * transmittance) / y1;
    }

    /// <summary>
    /// The GLLP rate with infinitely many decoys exactly as in the reference:
    /// R = q{−Q_μ f h(E_μ) + Q1[1 − h(e1)]}, Q1 = Y1·μe^{−μ}, floored at 0. Bits per pulse.
    /// </summary>
    public static double ReferenceRate(double transmittance, double intensity, double vacuumYield, double misalignment, double errorCorrectionEfficiency, double siftingFactor)
    {
        double q = Gain(transmittance, intensity, vacuumYield);
        double e = ErrorRate(transmittance, intensity, vacuumYield, misalignment);
        double q1 = SinglePhotonYield(transmittance, vacuumYield) * intensity * Math.Exp(-intensity);
        double e1 = SinglePhotonErrorRate(transmittance, vacuumYield, misalignment);
        double r = siftingFactor * (-q * errorCorrectionEfficiency * BinaryEntropy.Of(e) + q1 * (1 - BinaryEntropy.Of(e1)));
        return Math.Max(0, r);
    }

    /// <summary>
    /// Asymptotic rate, in bits per pulse, of the three-intensity protocol QNet simulates when the
    /// single-photon yield and error are known exactly (the infinite-decoy limit): the key is made of
    /// the Z-basis clicks of every intensity, so
    /// R = p_Z²·[Σ_k p_k e^{−μk}(Y0 + μk·Y1·(1 − h(e1))) − f·Q·h(E)], with Q and E the gain and error
    /// rate averaged over the intensity classes. Floored at 0.
    /// </summary>
    public static double AsymptoticRate(DecoyBb84Parameters protocol, QkdLink link) =>
        ProtocolRate(protocol, link, SinglePhotonYield(link.Transmittance, link.VacuumYield),
            SinglePhotonErrorRate(link.Transmittance, link.VacuumYield, link.Misalignment));

    /// <summary>
    /// The practical asymptotic rate with one weak decoy and vacuum: Y1 and e1 replaced by the
    /// Ma–Qi–Zhao–Lo lower and upper bounds computed from the expected gains of signal and decoy.
    /// </summary>
    public static double VacuumWeakDecoyRate(DecoyBb84Parameters protocol, QkdLink link)
    {
        double eta = link.Transmittance, y0 = link.VacuumYield, ed = link.Misalignment;
        double mu = protocol.SignalIntensity, nu = protocol.DecoyIntensity;
        var bound = DecoyStateBounds.VacuumPlusWeakDecoy(
            mu, nu,
            Gain(eta, mu, y0), ErrorRate(eta, mu, y0, ed),
            Gain(eta, nu, y0), ErrorRate(eta, nu, y0, ed),
            y0);
        return ProtocolRate(protocol, link, bound.SinglePhotonYield, bound.SinglePhotonErrorRate);
    }

    private static double ProtocolRate(DecoyBb84Parameters protocol, QkdLink link, double y1, double e1)
    {
        double eta = link.Transmittance, y0 = link.VacuumYield, ed = link.Misalignment;
        double secret = 0, gain = 0, errors = 0;
        for (int k = 0; k < DecoyBb84Parameters.IntensityClasses; k++)
        {
            double p = protocol.Probability(k), mu = protocol.Intensity(k);
            double qk = Gain(eta, mu, y0);
            secret += p * Math.Exp(-mu) * (y0 + mu * Math.Max(0, y1) * (1 - BinaryEntropy.Of(e1)));
            gain += p * qk;
            errors += p * qk * ErrorRate(eta, mu, y0, ed);
        }
        double qber = gain > 0 ? errors / gain : 0;
        double pz2 = protocol.ZBasisProbability * protocol.ZBasisProbability;
        return Math.Max(0, pz2 * (secret - protocol.ErrorCorrectionEfficiency * gain * BinaryEntropy.Of(qber)));
    }
}
