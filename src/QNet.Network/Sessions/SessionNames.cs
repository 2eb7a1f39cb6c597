using QNet.Network.Entanglement;
using QNet.Network.Scenarios;

namespace QNet.Network.Sessions;

/// <summary>
/// The wire names of a session's status, changes and loss reasons, both ways: the one table behind the CLI's JSON,
/// the control API's views and stored records, the event stream and metric labels (as <see cref="ScenarioNames"/>
/// is for the scenario file's enums). Stored records hold these names, so they never change.
/// </summary>
public static class SessionNames
{
    internal static readonly NameTable<SessionOutcome> Outcomes = new(
        ("pending", SessionOutcome.Pending),
        ("refused", SessionOutcome.Refused),
        ("running", SessionOutcome.Running),
        ("completed", SessionOutcome.Completed),
        ("failed", SessionOutcome.Failed),
        ("cancelled", SessionOutcome.Cancelled),
        ("degraded", SessionOutcome.Degraded));

    internal static readonly NameTable<SessionChange> Changes = new(
        ("admitted", SessionChange.Admitted),
        ("refused", SessionChange.Refused),
        ("rerouted", SessionChange.Rerouted),
        ("restarted", SessionChange.Restarted),
        ("ended", SessionChange.Ended),
        ("failed", SessionChange.Failed),
        ("cancelled", SessionChange.Cancelled),
        ("suspended", SessionChange.Suspended),
        ("readmitted", SessionChange.Readmitted),
        ("degraded", SessionChange.Degraded),
        ("recovered", SessionChange.Recovered));

    internal static readonly NameTable<LossReason> LossReasons = new(
        ("below-fidelity", LossReason.BelowFidelity),
        ("cutoff", LossReason.Cutoff),
        ("purification-failed", LossReason.PurificationFailed),
        ("swap-failed", LossReason.SwapFailed));

    /// <summary>
    /// The control plane's status of a session a fault left without a path while it waits for re-admission (the scheduler
    /// reports it <see cref="SessionOutcome.Failed"/> meanwhile): <c>suspended</c>, the name of its change.
    /// </summary>
    public static string SuspendedStatus => Changes.NameOf(SessionChange.Suspended);

    /// <summary>The wire name of a status, e.g. <c>running</c>.</summary>
    public static string Of(SessionOutcome value) => Outcomes.NameOf(value);

    /// <summary>The wire name of a change, e.g. <c>rerouted</c>.</summary>
    public static string Of(SessionChange value) => Changes.NameOf(value);

    /// <summary>The wire name of a loss reason, e.g. <c>below-fidelity</c>.</summary>
    public static string Of(LossReason value) => LossReasons.NameOf(value);

    /// <summary>Reads a status by its wire name (as stored by the control plane).</summary>
    public static bool TryOutcome(string name, out SessionOutcome value) => Outcomes.TryGet(name, out value);

    /// <summary>Every loss reason, in wire-name order.</summary>
    public static IReadOnlyList<LossReason> AllLossReasons { get; } = Enum.GetValues<LossReason>();
}
