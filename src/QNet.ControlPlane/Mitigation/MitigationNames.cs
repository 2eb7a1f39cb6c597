namespace QNet.ControlPlane.Mitigation;

/// <summary>Wire names of mitigation actions and signals (strings only at the edges: API, scenario files, metrics, events).</summary>
internal static class MitigationNames
{
    private static readonly (MitigationAction Action, string Name)[] Actions =
    [
        (MitigationAction.Reroute, "reroute"),
        (MitigationAction.RaisePurification, "raise-purification"),
        (MitigationAction.ShortenCutoff, "shorten-cutoff"),
        (MitigationAction.ShedLoad, "shed-load"),
        (MitigationAction.ResyncSources, "resync-sources"),
        (MitigationAction.RunCalibration, "run-calibration"),
        (MitigationAction.PauseQkd, "pause-qkd"),
        (MitigationAction.RollbackQkdConfig, "rollback-qkd-config"),
    ];

    private static readonly (MitigationSignal Signal, string Name)[] Signals =
    [
        (MitigationSignal.LinkFidelity, "link-fidelity"),
        (MitigationSignal.LinkRateRatio, "link-rate-ratio"),
        (MitigationSignal.SwapSuccess, "swap-success"),
        (MitigationSignal.CoherenceRatio, "coherence-ratio"),
        (MitigationSignal.SessionTargetMiss, "session-target-miss"),
        (MitigationSignal.CommandQueueDepth, "command-queue-depth"),
        (MitigationSignal.CalibrationDrift, "calibration-drift"),
        (MitigationSignal.Qber, "qber"),
        (MitigationSignal.KeyVerificationFailures, "key-verification-failures"),
    ];

    public static string Of(MitigationAction action) => Actions.First(a => a.Action == action).Name;

    public static string Of(MitigationSignal signal) => Signals.First(s => s.Signal == signal).Name;

    public static bool TryAction(string? name, out MitigationAction action)
    {
        foreach (var (a, n) in Actions)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                action = a;
                return true;
            }
        }
        action = default;
        return false;
    }

    public static bool TrySignal(string? name, out MitigationSignal signal)
    {
        foreach (var (s, n) in Signals)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                signal = s;
                return true;
            }
        }
        signal = default;
        return false;
    }

    /// <summary>Every action's wire name, for error messages.</summary>
    public static string ActionList => string.Join(", ", Actions.Select(a => a.Name));

    /// <summary>Every signal's wire name, for error messages.</summary>
    public static string SignalList => string.Join(", ", Signals.Select(s => s.Name));
}
