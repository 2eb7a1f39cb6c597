using QNet.Network.Scenarios;

namespace QNet.Network.Mitigation;

/// <summary>
/// The one table of wire names of mitigation actions and signals (strings only at the edges: the control API, scenario
/// files, metrics, events). It lives beside the scenario loader so a <c>mitigation:</c> section is checked against the
/// same names as <c>PUT /api/v1/mitigation</c>.
/// </summary>
public static class MitigationNames
{
    internal static NameTable<MitigationAction> Actions { get; } = new(
        ("reroute", MitigationAction.Reroute),
        ("raise-purification", MitigationAction.RaisePurification),
        ("shorten-cutoff", MitigationAction.ShortenCutoff),
        ("shed-load", MitigationAction.ShedLoad),
        ("resync-sources", MitigationAction.ResyncSources),
        ("run-calibration", MitigationAction.RunCalibration),
        ("pause-qkd", MitigationAction.PauseQkd),
        ("rollback-qkd-config", MitigationAction.RollbackQkdConfig));

    internal static NameTable<MitigationSignal> Signals { get; } = new(
        ("link-fidelity", MitigationSignal.LinkFidelity),
        ("link-rate-ratio", MitigationSignal.LinkRateRatio),
        ("swap-success", MitigationSignal.SwapSuccess),
        ("coherence-ratio", MitigationSignal.CoherenceRatio),
        ("session-target-miss", MitigationSignal.SessionTargetMiss),
        ("command-queue-depth", MitigationSignal.CommandQueueDepth),
        ("calibration-drift", MitigationSignal.CalibrationDrift),
        ("qber", MitigationSignal.Qber),
        ("key-verification-failures", MitigationSignal.KeyVerificationFailures));

    /// <summary>The wire name of <paramref name="action"/>.</summary>
    public static string Of(MitigationAction action) => Actions.NameOf(action);

    /// <summary>The wire name of <paramref name="signal"/>.</summary>
    public static string Of(MitigationSignal signal) => Signals.NameOf(signal);

    /// <summary>Reads an action's wire name (case-sensitive).</summary>
    public static bool TryAction(string? name, out MitigationAction action)
    {
        action = default;
        return name is not null && Actions.TryGet(name, out action);
    }

    /// <summary>Reads a signal's wire name (case-sensitive).</summary>
    public static bool TrySignal(string? name, out MitigationSignal signal)
    {
        signal = default;
        return name is not null && Signals.TryGet(name, out signal);
    }

    /// <summary>Every action's wire name, for error messages.</summary>
    public static string ActionList => string.Join(", ", Actions.Names);

    /// <summary>Every signal's wire name, for error messages.</summary>
    public static string SignalList => string.Join(", ", Signals.Names);
}
