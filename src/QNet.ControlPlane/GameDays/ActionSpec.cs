using QNet.Network.Mitigation;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.GameDays;

/// <summary>An action's arguments, checked against the scenario by the loader.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Id">The step's id: a clear-fault names the inject-fault it clears by this id; journal and report use it.</param>
/// <param name="Fault">inject-fault: the kind (F1–F8).</param>
/// <param name="Target">inject-fault: link, node or <c>*</c>.</param>
/// <param name="Magnitude">inject-fault: in the kind's unit (docs/failure-modes.md).</param>
/// <param name="DurationSeconds">inject-fault: clears itself after this; start-session, request-load: each session's span; open-maintenance: the window's span.</param>
/// <param name="ClearsId">clear-fault: the id of the inject-fault step.</param>
/// <param name="Session">start-session, request-load: the session spec (request-load numbers its copies).</param>
/// <param name="Count">request-load: how many sessions.</param>
/// <param name="Matchers">open-maintenance: label matchers of the window.</param>
/// <param name="MitigationEnabled">set-mitigation: the policy's on switch, or null to keep it.</param>
/// <param name="Rule">set-mitigation: the rule whose threshold changes, or null.</param>
/// <param name="Threshold">set-mitigation: the rule's new threshold.</param>
internal sealed record ActionSpec(ActionKind Kind, string Id, FaultKind? Fault = null, string? Target = null, double Magnitude = 0, double? DurationSeconds = null,
    string? ClearsId = null, SessionSpec? Session = null, int Count = 0, IReadOnlyDictionary<string, string>? Matchers = null, bool? MitigationEnabled = null,
    (MitigationAction Action, MitigationSignal Signal)? Rule = null, double? Threshold = null);
