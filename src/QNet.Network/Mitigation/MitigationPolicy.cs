namespace QNet.Network.Mitigation;

/// <summary>
/// The automated mitigation policy the operator reads, changes and switches off (<c>GET/PUT /api/v1/mitigation</c>,
/// a <c>mitigation:</c> section in the scenario file, docs/control-plane.md "Mitigation"). Rules are evaluated every
/// <see cref="EvaluateEverySeconds"/> of simulated time, so decisions are deterministic for a seeded twin.
/// </summary>
/// <param name="Enabled">The global off switch: false and no rule acts (signals are still read, nothing changes).</param>
/// <param name="EvaluateEverySeconds">Simulated seconds between evaluations (also the shortest window of a signal).</param>
/// <param name="MinSamples">Pairs or swaps a windowed signal (fidelity, swap success, target miss) needs before it is read; until then the window grows.</param>
/// <param name="ShedBelowPriority">While shed-load is in effect, session requests with a priority below this get 429.</param>
/// <param name="RetryAfterSeconds">The Retry-After of a shed request, in wall-clock seconds.</param>
/// <param name="Rules">The rules; at most one per (action, signal) pair.</param>
public sealed record MitigationPolicy(bool Enabled, double EvaluateEverySeconds, int MinSamples, int ShedBelowPriority, int RetryAfterSeconds,
    IReadOnlyList<MitigationRule> Rules)
{
    public double EvaluateEverySeconds { get; } = double.IsFinite(EvaluateEverySeconds) && EvaluateEverySeconds is >= 0.1 and <= 3600
        ? EvaluateEverySeconds
        : throw new ArgumentException("must be between 0.1 and 3600 seconds", "evaluateEvery");

    public int MinSamples { get; } = MinSamples is >= 1 and <= 1_000_000 ? MinSamples : throw new ArgumentException("must be between 1 and 1000000", "minSamples");

    public int RetryAfterSeconds { get; } = RetryAfterSeconds is >= 1 and <= 3600 ? RetryAfterSeconds : throw new ArgumentException("must be between 1 and 3600 seconds", "retryAfter");

    public IReadOnlyList<MitigationRule> Rules { get; } = Distinct(Rules);

    /// <summary>
    /// The default policy, on. Thresholds sit where the metro network never is when healthy (link fidelity about 0.98,
    /// swap success 0.5, drift reset every 8 h) and where each fault of issue 14 clearly puts it:
    /// a link whose expected rate halves (≈ 3 dB more loss on a double-click or direct link, ≈ 6 dB on a single-click one,
    /// whose rate follows √η) or a repeater whose swaps succeed under 25 % is avoided;
    /// a session missing its fidelity target on over 20 % of its pairs purifies one round more (up to 3);
    /// a memory that lost half its T2 has its sessions' cutoffs shortened in proportion; over 256 queued commands
    /// requests below priority 1 are shed; link fidelity under 0.8 resynchronizes the sources; drift over 4 % (before
    /// the 5 % SLO threshold) runs a calibration; QBER over 11 % pauses key production; any verification failure rolls
    /// the QKD configuration back.
    /// </summary>
    public static MitigationPolicy Default { get; } = new(true, 5, 200, 1, 5,
    [
        new(MitigationAction.Reroute, MitigationSignal.LinkRateRatio, 0.5, 0.8, 60),
        new(MitigationAction.Reroute, MitigationSignal.SwapSuccess, 0.25, 0.4, 60),
        new(MitigationAction.RaisePurification, MitigationSignal.SessionTargetMiss, 0.2, 0.05, 120),
        new(MitigationAction.ShortenCutoff, MitigationSignal.CoherenceRatio, 0.5, 0.8, 300),
        new(MitigationAction.ShedLoad, MitigationSignal.CommandQueueDepth, 256, 64, 10),
        new(MitigationAction.ResyncSources, MitigationSignal.LinkFidelity, 0.8, 0.85, 300),
        new(MitigationAction.RunCalibration, MitigationSignal.CalibrationDrift, 0.04, 0.01, 3600),
        new(MitigationAction.PauseQkd, MitigationSignal.Qber, 0.11, 0.09, 60),
        new(MitigationAction.RollbackQkdConfig, MitigationSignal.KeyVerificationFailures, 0, 0, 60),
    ]);

    private static MitigationRule[] Distinct(IReadOnlyList<MitigationRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var seen = new HashSet<(MitigationAction, MitigationSignal)>();
        foreach (var r in rules)
        {
            if (!seen.Add((r.Action, r.Signal)))
            {
                throw new ArgumentException($"has two rules for {MitigationNames.Of(r.Action)} on {MitigationNames.Of(r.Signal)}", nameof(rules));
            }
        }
        return rules.ToArray();
    }
}
