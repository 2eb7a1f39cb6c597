namespace QNet.ControlPlane.Incidents;

/// <summary>An incident as the API shows it and the store keeps it (<c>GET /api/v1/incidents/{id}</c>; the list leaves the timeline empty).</summary>
/// <param name="Id">Incident id (<c>inc-</c> and 12 hex digits).</param>
/// <param name="Key">The group it covers, as the alert routing groups alerts: the group-by labels (link, region) of its alerts, e.g. <c>link="alice-r1"</c>; empty for alerts carrying neither.</param>
/// <param name="Group">The same labels as a map.</param>
/// <param name="State">open, acknowledged, mitigated or resolved.</param>
/// <param name="Title">The first alert's summary (or name).</param>
/// <param name="OpenedAt">When its first alert fired (twin time).</param>
/// <param name="AcknowledgedAt">When an operator acknowledged it.</param>
/// <param name="AcknowledgedBy">The acknowledging token's name.</param>
/// <param name="MitigatedAt">When the first automatic or operator action acted on it.</param>
/// <param name="MitigatedBy">That action (e.g. <c>reroute</c>, <c>fault-cleared</c>, <c>calibration</c>).</param>
/// <param name="ResolvedAt">When it was resolved.</param>
/// <param name="ResolvedBy"><c>auto</c> when every alert of it resolved, else the resolving operator token's name.</param>
/// <param name="Alerts">Its alerts, one per label fingerprint (in-process and Alertmanager copies of one alert are one entry).</param>
/// <param name="SessionIds">Sessions it affected (touched by its mitigations, or heralding on its link).</param>
/// <param name="Budgets">Error budget remaining (0..1) per SLO group of its scope, when it opened and when it resolved.</param>
/// <param name="Timeline">Entries ordered by time, then arrival.</param>
public sealed record IncidentView(
    string Id,
    string Key,
    IReadOnlyDictionary<string, string> Group,
    string State,
    string Title,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? MitigatedAt,
    string? MitigatedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    IReadOnlyList<IncidentAlertView> Alerts,
    IReadOnlyList<string> SessionIds,
    IReadOnlyList<IncidentBudgetView> Budgets,
    IReadOnlyList<TimelineEntryView> Timeline);

/// <summary>One alert of an incident.</summary>
/// <param name="Fingerprint">Alertmanager fingerprint of its labels (the deduplication key).</param>
/// <param name="Name">Alert name.</param>
/// <param name="Labels">Labels.</param>
/// <param name="Annotations">Annotations (summary, description, runbook_url).</param>
/// <param name="Status">firing or resolved.</param>
/// <param name="FiredAt">When it (last) started firing.</param>
/// <param name="ResolvedAt">When it resolved.</param>
/// <param name="Sources">Where it was seen: <c>in-process</c> (the control plane's evaluator), <c>alertmanager</c> (the webhook).</param>
public sealed record IncidentAlertView(string Fingerprint, string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations,
    string Status, DateTimeOffset FiredAt, DateTimeOffset? ResolvedAt, IReadOnlyList<string> Sources);

/// <summary>Error budget of one SLO group over an incident.</summary>
/// <param name="Slo">SLO name.</param>
/// <param name="Group">The SLO's group labels.</param>
/// <param name="RemainingAtOpen">Budget remaining (0..1) when the incident opened.</param>
/// <param name="RemainingAtResolve">Budget remaining (0..1) when it resolved; null while unresolved.</param>
public sealed record IncidentBudgetView(string Slo, IReadOnlyDictionary<string, string> Group, double RemainingAtOpen, double? RemainingAtResolve);

/// <summary>One timeline entry.</summary>
/// <param name="Sequence">Arrival order within the incident (ties of <paramref name="At"/> keep it).</param>
/// <param name="At">Twin time.</param>
/// <param name="Kind">opened, fault, fault-cleared, alert-firing, alert-resolved, alert-suppressed, mitigation, session, calibration, qkd, herald, swap, acknowledged, mitigated, resolved.</param>
/// <param name="Text">What happened, one line.</param>
/// <param name="TraceId">Trace id of the session it belongs to (session changes, heralds, swaps, mitigations), linking it to the session's trace.</param>
/// <param name="SessionId">That session.</param>
/// <param name="Target">The link, node or alert it concerns.</param>
/// <param name="Source">Who or what produced it (in-process, alertmanager, twin, an action or token name).</param>
/// <param name="Change">A session entry's change (admitted, rerouted, restarted, failed, ...) or a mitigation's action.</param>
public sealed record TimelineEntryView(long Sequence, DateTimeOffset At, string Kind, string Text, string? TraceId, string? SessionId, string? Target, string? Source,
    string? Change = null);

/// <summary>An alert transition given to the incident book.</summary>
/// <param name="Name">Alert name.</param>
/// <param name="Labels">Labels.</param>
/// <param name="Annotations">Annotations.</param>
/// <param name="Firing">True while firing, false once resolved.</param>
/// <param name="At">Firing or resolution time.</param>
/// <param name="Suppression">null, <c>maintenance</c> or <c>inhibition</c>: a muted alert opens no incident.</param>
/// <param name="Source"><see cref="IncidentBook.InProcess"/> or <see cref="IncidentBook.Alertmanager"/>.</param>
internal sealed record IncidentAlert(string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, bool Firing,
    DateTimeOffset At, string? Suppression, string Source);
