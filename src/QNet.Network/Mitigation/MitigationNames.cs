namespace QNet.Network.Mitigation;

/// <summary>
/// The one table of wire names of mitigation actions and signals (strings only at the edges: the control API, scenario
/// files, metrics, events). It lives below the scenario loader, so a <c>mitigation:</c> section is checked against the
/// same names as <c>PUT /api/v1/mitigation</c>.
/// </summary>
public static class MitigationNames
{
    private static readonly (MitigationAction Action, string Name)[] ActionTable =
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

    private static readonly (MitigationSignal Signal, string Name)[] SignalTable =
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

    /// <summary>Every action with its wire name, in declared order.</summary>
    public static IReadOnlyList<(MitigationAction Action, string Name)> Actions => ActionTable;

    /// <summary>Every signal with its wire name, in declared order.</summary>
    public static IReadOnlyList<(MitigationSignal Signal, string Name)> Signals => SignalTable;

    /// <summary>The wire name of <paramref name="action"/>.</summary>
    public static string Of(MitigationAction action) => ActionTable.First(a => a.Action == action).Name;

    /// <summary>The wire name of <paramref name="signal"/>.</summary>
    public static string Of(MitigationSignal signal) => SignalTable.First(s => s.Signal == signal).Name;

    /// <summary>Reads an action's wire name (case-sensitive).</summary>
    public static bool TryAction(string? name, out MitigationAction action)
    {
        foreach (var (a, n) in ActionTable)
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

    /// <summary>Reads a signal's wire name (case-sensitive).</summary>
    public static bool TrySignal(string? name, out MitigationSignal signal)
    {
        foreach (var (s, n) in SignalTable)
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
    public static string ActionList => string.Join(", ", ActionTable.Select(a => a.Name));

    /// <summary>Every signal's wire name, for error messages.</summary>
    public static string SignalList => string.Join(", ", SignalTable.Select(s => s.Name));
}
