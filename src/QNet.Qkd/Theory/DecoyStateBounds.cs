namespace QNet.Qkd.Theory;

/// <summary>A lower bound on the single-photon yield and an upper bound on its error rate.</summary>
/// <param name="SinglePhotonYield">Y1^L, probability that a single-photon pulse clicks (lower bound, ≥ 0).</param>
/// <param name="SinglePhotonErrorRate">e1^U, error rate of single-photon clicks (upper bound, ≤ 1/2).</param>
public sealed record SinglePhotonBounds(double SinglePhotonYield, double SinglePhotonErrorRate);

/// <summary>
/// Decoy-state estimation with a vacuum and one weak decoy (Ma, Qi, Zhao and Lo, PRA 72, 012326,
/// 2005, eqs. 34 and 37): from the gains Q_μ, Q_ν, the error rate E_ν and the vacuum yield Y0,
/// Y1 ≥ μ/(μν − ν²)·(Q_ν e^ν − Q_μ e^μ ν²/μ² − (μ² − ν²)/μ²·Y0) and
/// e1 ≤ (E_ν Q_ν e^ν − Y0/2)/(Y1^L ν).
/// </summary>
public static class DecoyStateBounds
{
    /// <summary>The asymptotic bounds from exact gains.</summary>
    public static SinglePhotonBounds VacuumPlusWeakDecoy(double signal, double decoy, double signalGain, double signalErrorRate, double decoyGain, double decoyErrorRate, double vacuumYield)
    {
        _ = signalErrorRate;
        double mu = signal, nu = decoy;
        if (!(mu > nu) || !(nu > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(decoy), decoy, "the weak decoy must satisfy 0 < decoy < signal.");
        }
        double y1 = mu / (mu * nu - nu * nu) * (decoyGain * Math.Exp(nu) - signalGain * Math.Exp(mu) * nu * nu / (mu * mu) - (mu * mu - nu * nu) / (mu * mu) * vacuumYield);
        y1 = Math.Max(0, y1);
        double e1 = y1 > 0 ? (decoyErrorRate * decoyGain * Math.Exp(nu) - 0.5 * vacuumYield) / (y1 * nu) : 0.5;
        return new SinglePhotonBounds(y1, Math.Clamp(e1, 0, 0.5));
    }

    /// <summary>
    /// The same bounds from measured counts with finite-size fluctuations: each measured rate is
    /// moved by the Hoeffding deviation √(ln(1/ε)/(2N)) in the direction that weakens the bound
    /// (signal gain and vacuum yield up for Y1, decoy gain down; decoy error gain up and vacuum
    /// yield down for e1), so each bound holds except with probability at most a few ε.
    /// </summary>
    /// <param name="signal">μ.</param>
    /// <param name="decoy">ν.</param>
    /// <param name="signalPulses">Matched-basis pulses sent with μ.</param>
    /// <param name="signalClicks">Clicks among them.</param>
    /// <param name="decoyPulses">Matched-basis pulses sent with ν.</param>
    /// <param name="decoyClicks">Clicks among them.</param>
    /// <param name="decoyErrors">Errors among those clicks.</param>
    /// <param name="vacuumPulses">Matched-basis vacuum pulses.</param>
    /// <param name="vacuumClicks">Clicks among them.</param>
    /// <param name="epsilon">Failure probability of each deviation bound.</param>
    public static SinglePhotonBounds FromCounts(double signal, double decoy, long signalPulses, long signalClicks, long decoyPulses, long decoyClicks, long decoyErrors, long vacuumPulses, long vacuumClicks, double epsilon)
    {
        if (signalPulses <= 0 || decoyPulses <= 0 || vacuumPulses <= 0)
        {
            return new SinglePhotonBounds(0, 0.5);
        }
        double Dev(long n) => Math.Sqrt(Math.Log(1 / epsilon) / (2.0 * n));
        double qMuUp = (double)signalClicks / signalPulses + Dev(signalPulses);
        double qNuLow = Math.Max(0, (double)decoyClicks / decoyPulses - Dev(decoyPulses));
        double eqNuUp = (double)decoyErrors / decoyPulses + Dev(decoyPulses);
        double y0 = (double)vacuumClicks / vacuumPulses;
        double y0Up = Math.Min(1, y0 + Dev(vacuumPulses));
        double y0Low = Math.Max(0, y0 - Dev(vacuumPulses));
        double mu = signal, nu = decoy;
        double y1 = mu / (mu * nu - nu * nu) * (qNuLow * Math.Exp(nu) - qMuUp * Math.Exp(mu) * nu * nu / (mu * mu) - (mu * mu - nu * nu) / (mu * mu) * y0Up);
        y1 = Math.Max(0, y1);
        double e1 = y1 > 0 ? (eqNuUp * Math.Exp(nu) - 0.5 * y0Low) / (y1 * nu) : 0.5;
        return new SinglePhotonBounds(y1, Math.Clamp(e1, 0, 0.5));
    }
}
