using QNet.ControlPlane.Events;

namespace QNet.ControlPlane.Incidents;

/// <summary>
/// Something that happened, before it is known which incidents it belongs to (<see cref="IncidentScope.Concerns"/>).
/// </summary>
/// <param name="At">Twin time.</param>
/// <param name="Kind">Entry kind.</param>
/// <param name="Text">One line for the timeline.</param>
/// <param name="TraceIds">Trace ids of the sessions it concerns (a mitigation may touch several; the first goes on the entry).</param>
/// <param name="SessionIds">Their session ids.</param>
/// <param name="Target">The link, node or session it acted on.</param>
/// <param name="Source">Who produced it.</param>
/// <param name="Mitigates">The action's name when it mitigates an incident it concerns; null otherwise.</param>
/// <param name="Reason">A session change's reason (it may name the link).</param>
internal sealed record TimelineDraft(DateTimeOffset At, TimelineKind Kind, string Text, IReadOnlyList<string> TraceIds, IReadOnlyList<string> SessionIds, string? Target,
    string Source, string? Mitigates, string? Reason = null)
{
    /// <summary>A session's change or a mitigation's action.</summary>
    public string? Change { get; init; }

    /// <summary>True for sampled kinds (heralds, swaps): capped per incident and not remembered for later incidents.</summary>
    public bool Sampled { get; init; }

    public static TimelineDraft OfFault(Twin.Fault fault, DateTimeOffset at)
    {
        var kind = QNet.Network.Scenarios.FaultKinds.Name(fault.Kind);
        return fault.ClearedAt is not null
            ? new TimelineDraft(at, TimelineKind.FaultCleared, $"fault {fault.Id} ({kind} on {fault.Target}) cleared", [], [], fault.Target, "twin", "fault-cleared")
            : new TimelineDraft(at, TimelineKind.Fault, $"fault {fault.Id} injected: {kind} on {fault.Target}" + (fault.Magnitude != 0 ? $", magnitude {fault.Magnitude:G4}" : ""),
                [], [], fault.Target, "twin", null);
    }

    public static TimelineDraft OfCalibration(string link, DateTimeOffset at, double driftBefore) =>
        new(at, TimelineKind.Calibration, $"calibration of {link} (drift before {driftBefore:P2})", [], [], link, "operator", "calibration");

    /// <summary>The draft of a stream event, or null for kinds the timeline does not keep (deliveries, losses).</summary>
    public static TimelineDraft? OfEvent(TwinEvent e, DateTimeOffset at)
    {
        string[] traces = e.TraceIds is { Count: > 0 } t ? [.. t] : e.TraceId.Length > 0 ? [e.TraceId] : [];
        string[] sessions = e.SessionId.Length > 0 ? [e.SessionId] : [];
        return e.Type switch
        {
            "mitigation" => new TimelineDraft(at, TimelineKind.Mitigation,
                $"{e.Action} {e.Change} on {e.Target} ({e.Signal}{(e.Value is { } v ? $" = {v:G4}" : "")}){(e.Reason is { Length: > 0 } r ? ": " + r : "")}",
                traces, sessions, e.Target, "mitigation", e.Change == "acted" ? e.Action : null)
            { Change = e.Action },
            "session" => new TimelineDraft(at, TimelineKind.Session,
                $"session {e.SessionId} {e.Change}{(e.Outcome is { } o ? $" ({o})" : "")}{(e.Reason is { Length: > 0 } why ? ": " + why : "")}",
                traces, sessions, null, "twin", null, e.Reason)
            { Change = e.Change },
            "qkd" => new TimelineDraft(at, TimelineKind.Qkd, $"QKD {e.Target ?? e.Link} {e.Change}{(e.Reason is { Length: > 0 } q ? ": " + q : "")}", traces, sessions,
                e.Target ?? e.Link, "twin", null),
            "herald" => new TimelineDraft(at, TimelineKind.Herald, $"herald on {e.Link} for session {e.SessionId}, fidelity {e.Fidelity:F4}", traces, sessions, e.Link,
                "twin", null)
            { Sampled = true },
            "swap" => new TimelineDraft(at, TimelineKind.Swap, $"swap at {e.Node} for session {e.SessionId}: {(e.Success == true ? "success" : "failure")}", traces,
                sessions, e.Node, "twin", null)
            { Sampled = true },
            _ => null,
        };
    }
}
