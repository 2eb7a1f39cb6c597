namespace QNet.Network.Mitigation;

/// <summary>
/// One rule of the mitigation policy: when <see cref="Signal"/> of a target crosses <see cref="Threshold"/> to its bad
/// side, <see cref="Action"/> acts on that target. Rate limits: the rule does not act on the same target again within
/// <see cref="CooldownSeconds"/> of simulated time, and after acting it is re-armed only once the signal is back past
/// <see cref="Release"/> (hysteresis), so a signal flapping around the threshold cannot make it thrash. Reroute and
/// shed-load are states: they are lifted when the signal passes <see cref="Release"/>.
/// </summary>
/// <param name="Action">What it does.</param>
/// <param name="Signal">What it watches.</param>
/// <param name="Threshold">Bad side: below it for signals where low is bad, above it where high is bad (<see cref="MitigationSignals.HighIsBad"/>).</param>
/// <param name="Release">Re-arm level, on the good side of <paramref name="Threshold"/> (or equal to it for no hysteresis).</param>
/// <param name="CooldownSeconds">Least simulated time between two actions of the rule on one target, in seconds.</param>
/// <param name="Enabled">False to keep the rule in the policy without it acting.</param>
public sealed record MitigationRule(MitigationAction Action, MitigationSignal Signal, double Threshold, double Release, double CooldownSeconds, bool Enabled = true)
{
    public MitigationSignal Signal { get; } = MitigationSignals.Fits(Action, Signal)
        ? Signal
        : throw new ArgumentException($"{MitigationNames.Of(Signal)} is read per {MitigationSignals.NameOf(MitigationSignals.TargetOf(Signal))}, which {MitigationNames.Of(Action)} cannot act on", "signal");

    public double Threshold { get; } = Check(Threshold, Signal, "threshold");

    public double Release { get; } = CheckRelease(Release, Threshold, Signal);

    public double CooldownSeconds { get; } = double.IsFinite(CooldownSeconds) && CooldownSeconds >= 0
        ? CooldownSeconds
        : throw new ArgumentException("must be a finite number of seconds, 0 or more", "cooldown");

    /// <summary>True when <paramref name="value"/> is on the bad side of the threshold.</summary>
    public bool IsBad(double value) => MitigationSignals.HighIsBad(Signal) ? value > Threshold : value < Threshold;

    /// <summary>True when <paramref name="value"/> is back past the release level (the rule re-arms).</summary>
    public bool IsReleased(double value) => MitigationSignals.HighIsBad(Signal) ? value <= Release : value >= Release;

    private static double Check(double value, MitigationSignal signal, string field)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentException("must be a finite number, 0 or more", field);
        }
        if (MitigationSignals.IsFraction(signal) && value > 1)
        {
            throw new ArgumentException($"must be between 0 and 1 for signal {MitigationNames.Of(signal)}", field);
        }
        return value;
    }

    private static double CheckRelease(double release, double threshold, MitigationSignal signal)
    {
        Check(release, signal, "release");
        bool high = MitigationSignals.HighIsBad(signal);
        if (high ? release > threshold : release < threshold)
        {
            throw new ArgumentException(high
                ? $"must be at most the threshold ({threshold:G4}): {MitigationNames.Of(signal)} is bad when high"
                : $"must be at least the threshold ({threshold:G4}): {MitigationNames.Of(signal)} is bad when low", nameof(release));
        }
        return release;
    }
}
