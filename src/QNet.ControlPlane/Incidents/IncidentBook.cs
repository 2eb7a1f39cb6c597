using QNet.ControlPlane.Events;
using QNet.Sre.Alerting;
using QNet.Sre.Evaluation;

namespace QNet.ControlPlane.Incidents;

/// <summary>
/// The incident record. Firing alerts are grouped into incidents by their group-by labels (link, region: the keys the
/// alert routing groups by, regardless of severity route), one alert per label fingerprint whether the in-process
/// evaluator or Alertmanager's webhook reported it. A muted alert (maintenance or inhibition) opens nothing; it is
/// noted on the group's open incident. Faults, mitigations, calibrations, QKD changes and session changes are kept
/// for <see cref="Lookback"/> so an incident that opens later still gets the fault that caused it; an entry joins an
/// incident when it concerns the incident's link (or one of its end nodes; anything, for an incident without a link)
/// or one of its sessions' trace ids. Thread-safe: the simulation thread, the event feed and the API all call it.
/// </summary>
internal sealed class IncidentBook
{
    public const string InProcess = "in-process";
    public const string Alertmanager = "alertmanager";

    /// <summary>Entries of one incident's timeline beyond which only lifecycle entries are added.</summary>
    public const int MaxTimelineEntries = 1000;

    /// <summary>Sampled heralds (and swaps) kept per incident.</summary>
    public const int MaxSampledPerKind = 20;

    /// <summary>Resolved incidents kept in memory (the store keeps all).</summary>
    public const int MaxResolvedInMemory = 500;

    /// <summary>How long (twin time) after resolving automatically an incident is reopened by a new alert of its group.</summary>
    public static readonly TimeSpan ReopenWindow = TimeSpan.FromMinutes(30);

    /// <summary>How far back (twin time) an opening incident looks for its fault and early actions.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(1);

    private const int RecentCapacity = 4096;

    private readonly Lock _gate = new();
    private readonly IReadOnlyDictionary<string, (string A, string B)> _links;
    private readonly IReadOnlyList<string> _groupBy;
    private readonly Func<IReadOnlyList<SloStatus>> _budgets;
    private readonly Func<string> _newId;
    private readonly List<Incident> _incidents = [];
    private readonly Queue<Draft> _recent = new();
    private readonly Dictionary<string, (bool Firing, string? Suppression)> _inProcess = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);

    /// <param name="links">Link id → its two end nodes (to relate node faults to link incidents).</param>
    /// <param name="groupBy">Labels incidents are grouped by (the routing model's group-by: link, region).</param>
    /// <param name="budgets">Current SLO budgets (null: none recorded).</param>
    /// <param name="newId">Id source (tests pass a counter; the service random ids).</param>
    public IncidentBook(IReadOnlyDictionary<string, (string A, string B)> links, IReadOnlyList<string> groupBy, Func<IReadOnlyList<SloStatus>>? budgets = null,
        Func<string>? newId = null)
    {
        _links = links;
        _groupBy = groupBy;
        _budgets = budgets ?? (() => []);
        _newId = newId ?? (() => "inc-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>Called (outside the lock) when the set of changed incidents goes from empty to non-empty; take them with <see cref="TakeChanged"/>.</summary>
    public Action? Changed { get; set; }

    /// <summary>Puts stored incidents back (on start, before anything is observed).</summary>
    public void Restore(IEnumerable<IncidentView> stored)
    {
        lock (_gate)
        {
            foreach (var v in stored.OrderBy(v => v.OpenedAt))
            {
                var incident = Incident.FromView(v);
                _incidents.Add(incident);
                foreach (var a in incident.Alerts.Values.Where(a => incident.Active && a.Sources.ContainsKey(InProcess)))
                {
                    // The evaluator restarts empty: its alerts are taken as last seen, so a still-firing one is not a new transition.
                    _inProcess[a.Fingerprint] = (a.Firing, null);
                }
            }
        }
    }

    /// <summary>The incidents changed since the last call, as views with timelines.</summary>
    public IReadOnlyList<IncidentView> TakeChanged()
    {
        lock (_gate)
        {
            var views = _incidents.Where(i => _dirty.Contains(i.Id)).Select(i => i.ToView()).ToArray();
            _dirty.Clear();
            return views;
        }
    }

    /// <summary>
    /// Takes the in-process evaluator's alerts after a tick (pending ones are ignored) and applies the transitions since
    /// the previous call: started or stopped firing, or became muted. <paramref name="inhibited"/> holds the fingerprints the router inhibits.
    /// </summary>
    public void ObserveInProcess(IEnumerable<Slo.AlertView> alerts, IReadOnlySet<string> inhibited)
    {
        foreach (var a in alerts)
        {
            if (a.Status is not ("firing" or "resolved"))
            {
                continue;
            }
            var fingerprint = Fingerprint.Of(a.Labels);
            bool firing = a.Status == "firing";
            string? suppression = !firing ? null : a.Suppressed ? "maintenance" : inhibited.Contains(fingerprint) ? "inhibition" : null;
            bool changed;
            lock (_gate)
            {
                changed = !_inProcess.TryGetValue(fingerprint, out var last) ? firing : last != (firing, suppression);
                _inProcess[fingerprint] = (firing, suppression);
            }
            if (changed)
            {
                Observe(new IncidentAlert(a.Name, a.Labels, a.Annotations, firing, firing ? a.FiredAt ?? a.ActiveAt : a.ResolvedAt ?? a.ActiveAt, suppression, InProcess));
            }
        }
    }

    /// <summary>Applies one alert transition (the in-process evaluator's or one alert of an Alertmanager notification).</summary>
    public void Observe(IncidentAlert alert)
    {
        var fingerprint = Fingerprint.Of(alert.Labels);
        var group = _groupBy.Where(alert.Labels.ContainsKey).ToDictionary(l => l, l => alert.Labels[l], StringComparer.Ordinal);
        var key = string.Join(", ", group.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}=\"{kv.Value}\""));
        bool notify;
        lock (_gate)
        {
            var incident = _incidents.FirstOrDefault(i => i.Active && i.Key == key);
            var summary = alert.Annotations.GetValueOrDefault("summary") is { Length: > 0 } s ? s : alert.Name;
            if (alert.Firing && alert.Suppression is not null)
            {
                incident?.Add(alert.At, TimelineKind.AlertSuppressed, $"{alert.Name} firing but suppressed by {alert.Suppression}", null, null, alert.Name, alert.Source);
                notify = Touch(incident);
            }
            else if (alert.Firing)
            {
                incident ??= Reopen(key, alert.At) ?? Open(key, group, summary, alert.At);
                if (!incident.Alerts.TryGetValue(fingerprint, out var entry))
                {
                    entry = new IncidentAlertEntry(fingerprint, alert.Name, alert.Labels, alert.Annotations) { FiredAt = alert.At };
                    incident.Alerts[fingerprint] = entry;
                }
                if (!entry.Firing)
                {
                    entry.FiredAt = entry.ResolvedAt is null ? entry.FiredAt : alert.At;
                    entry.ResolvedAt = null;
                    incident.Add(alert.At, TimelineKind.AlertFiring, $"{alert.Name} firing: {summary}", null, null, alert.Name, alert.Source);
                }
                entry.Sources[alert.Source] = true;
                notify = Touch(incident);
            }
            else if (incident is not null && incident.Alerts.TryGetValue(fingerprint, out var entry))
            {
                bool wasFiring = entry.Firing;
                entry.Sources[alert.Source] = false;
                if (wasFiring && !entry.Firing)
                {
                    entry.ResolvedAt = alert.At;
                    incident.Add(alert.At, TimelineKind.AlertResolved, $"{alert.Name} resolved", null, null, alert.Name, alert.Source);
                }
                if (incident.Alerts.Values.All(a => !a.Firing))
                {
                    Close(incident, alert.At, "auto", "every alert resolved");
                }
                notify = Touch(incident);
            }
            else
            {
                notify = false;
            }
        }
        Notify(notify);
    }

    /// <summary>Records a fault's start (or, with <see cref="Twin.Fault.ClearedAt"/> set, its clearing: a repair that mitigates) at twin time <paramref name="at"/>.</summary>
    public void RecordFault(Twin.Fault fault, DateTimeOffset at)
    {
        var kind = QNet.Network.Scenarios.FaultKinds.Name(fault.Kind);
        var draft = fault.ClearedAt is not null
            ? new Draft(at, TimelineKind.FaultCleared, $"fault {fault.Id} ({kind} on {fault.Target}) cleared", [], [], fault.Target, "twin", "fault-cleared")
            : new Draft(at, TimelineKind.Fault, $"fault {fault.Id} injected: {kind} on {fault.Target}" + (fault.Magnitude != 0 ? $", magnitude {fault.Magnitude:G4}" : ""),
                [], [], fault.Target, "twin", null);
        Record(draft);
    }

    /// <summary>Records a calibration run of <paramref name="link"/> (an operator action that mitigates drift).</summary>
    public void RecordCalibration(string link, DateTimeOffset at, double driftBefore) =>
        Record(new Draft(at, TimelineKind.Calibration, $"calibration of {link} (drift before {driftBefore:P2})", [], [], link, "operator", "calibration"));

    /// <summary>Records an event of the twin's stream; <paramref name="at"/> is its twin time.</summary>
    public void RecordEvent(TwinEvent e, DateTimeOffset at)
    {
        string[] traces = e.TraceIds is { Count: > 0 } t ? [.. t] : e.TraceId.Length > 0 ? [e.TraceId] : [];
        string[] sessions = e.SessionId.Length > 0 ? [e.SessionId] : [];
        Draft? draft = e.Type switch
        {
            "mitigation" => new Draft(at, TimelineKind.Mitigation, $"{e.Action} {e.Change} on {e.Target} ({e.Signal}{(e.Value is { } v ? $" = {v:G4}" : "")}){(e.Reason is { Length: > 0 } r ? ": " + r : "")}",
                traces, sessions, e.Target, "mitigation", e.Change == "acted" ? e.Action : null) { Change = e.Action },
            "session" => new Draft(at, TimelineKind.Session, $"session {e.SessionId} {e.Change}{(e.Outcome is { } o ? $" ({o})" : "")}{(e.Reason is { Length: > 0 } why ? ": " + why : "")}",
                traces, sessions, null, "twin", null, e.Reason) { Change = e.Change },
            "qkd" => new Draft(at, TimelineKind.Qkd, $"QKD {e.Target ?? e.Link} {e.Change}{(e.Reason is { Length: > 0 } q ? ": " + q : "")}", traces, sessions, e.Target ?? e.Link, "twin", null),
            "herald" => new Draft(at, TimelineKind.Herald, $"herald on {e.Link} for session {e.SessionId}, fidelity {e.Fidelity:F4}", traces, sessions, e.Link, "twin", null) { Sampled = true },
            "swap" => new Draft(at, TimelineKind.Swap, $"swap at {e.Node} for session {e.SessionId}: {(e.Success == true ? "success" : "failure")}", traces, sessions, e.Node, "twin", null) { Sampled = true },
            _ => null,
        };
        if (draft is not null)
        {
            Record(draft);
        }
    }

    /// <summary>An operator acknowledges (allowed once, before resolution).</summary>
    public IncidentCommandResult Acknowledge(string id, string by, DateTimeOffset at)
    {
        IncidentCommandResult result;
        lock (_gate)
        {
            var incident = _incidents.FirstOrDefault(i => i.Id == id);
            if (incident is null)
            {
                return IncidentCommandResult.NotFound;
            }
            if (incident.State == IncidentState.Resolved)
            {
                return new IncidentCommandResult(incident.ToView(), $"incident {id} is resolved; it cannot be acknowledged");
            }
            if (incident.AcknowledgedAt is not null)
            {
                return new IncidentCommandResult(incident.ToView(), $"incident {id} is already acknowledged (by {incident.AcknowledgedBy})");
            }
            incident.AcknowledgedAt = at;
            incident.AcknowledgedBy = by;
            if (incident.State == IncidentState.Open)
            {
                incident.State = IncidentState.Acknowledged;
            }
            incident.Add(at, TimelineKind.Acknowledged, $"acknowledged by {by}", null, null, null, by);
            Touch(incident);
            result = new IncidentCommandResult(incident.ToView(), null);
        }
        Notify(true);
        return result;
    }

    /// <summary>An operator resolves (allowed once).</summary>
    public IncidentCommandResult Resolve(string id, string by, DateTimeOffset at)
    {
        IncidentCommandResult result;
        lock (_gate)
        {
            var incident = _incidents.FirstOrDefault(i => i.Id == id);
            if (incident is null)
            {
                return IncidentCommandResult.NotFound;
            }
            if (incident.State == IncidentState.Resolved)
            {
                return new IncidentCommandResult(incident.ToView(), $"incident {id} is already resolved ({incident.ResolvedBy})");
            }
            Close(incident, at, by, "resolved by " + by);
            Touch(incident);
            result = new IncidentCommandResult(incident.ToView(), null);
        }
        Notify(true);
        return result;
    }

    /// <summary>Incidents newest first, without timelines; <paramref name="state"/> filters.</summary>
    public IReadOnlyList<IncidentView> List(IncidentState? state)
    {
        lock (_gate)
        {
            return _incidents.Where(i => state is null || i.State == state).OrderByDescending(i => i.OpenedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal)
                .Select(i => i.ToView(withTimeline: false)).ToArray();
        }
    }

    /// <summary>One incident with its timeline, or null.</summary>
    public IncidentView? Get(string id)
    {
        lock (_gate)
        {
            return _incidents.FirstOrDefault(i => i.Id == id)?.ToView();
        }
    }

    private Incident Open(string key, IReadOnlyDictionary<string, string> group, string title, DateTimeOffset at)
    {
        var incident = new Incident(_newId(), key, group, title, at);
        incident.Budgets = _budgets().Where(b => InScope(group, b.Group))
            .Select(b => new IncidentBudgetView(b.Slo, b.Group, b.BudgetRemaining, null)).ToList();
        incident.Add(at, TimelineKind.Opened, $"incident opened for {(key.Length == 0 ? "the network" : key)}", null, null, null, null);
        _incidents.Add(incident);
        var resolved = _incidents.Where(i => !i.Active).ToList();
        foreach (var old in resolved.Take(Math.Max(0, resolved.Count - MaxResolvedInMemory)))
        {
            _incidents.Remove(old);
        }
        // What led up to it: the fault, early mitigations and session changes of the last hour.
        foreach (var d in _recent.Where(d => d.At >= at - Lookback).ToArray())
        {
            Attach(incident, d);
        }
        return incident;
    }

    // Under the lock. The group's newest incident when it resolved automatically within the reopen window, back at the stage it had reached.
    private Incident? Reopen(string key, DateTimeOffset at)
    {
        var last = _incidents.Where(i => i.Key == key).MaxBy(i => i.OpenedAt);
        if (last is not { State: IncidentState.Resolved, ResolvedBy: "auto", ResolvedAt: { } resolvedAt } || at - resolvedAt > ReopenWindow)
        {
            return null;
        }
        last.State = last.MitigatedAt is not null ? IncidentState.Mitigated : last.AcknowledgedAt is not null ? IncidentState.Acknowledged : IncidentState.Open;
        last.ResolvedAt = null;
        last.ResolvedBy = null;
        last.Budgets = last.Budgets.Select(b => b with { RemainingAtResolve = null }).ToList();
        last.Add(at, TimelineKind.Reopened, $"reopened: its group fired again {(at - resolvedAt).TotalMinutes:F1} min after resolving", null, null, null, null);
        return last;
    }

    private void Close(Incident incident, DateTimeOffset at, string by, string text)
    {
        incident.State = IncidentState.Resolved;
        incident.ResolvedAt = at;
        incident.ResolvedBy = by;
        var now = _budgets();
        incident.Budgets = incident.Budgets.Select(b => b with
        {
            RemainingAtResolve = now.FirstOrDefault(s => s.Slo == b.Slo && SameLabels(s.Group, b.Group))?.BudgetRemaining,
        }).ToList();
        incident.Add(at, TimelineKind.Resolved, text, null, null, null, by);
    }

    private void Record(Draft draft)
    {
        bool notify = false;
        lock (_gate)
        {
            if (!draft.Sampled)
            {
                _recent.Enqueue(draft);
                while (_recent.Count > RecentCapacity || (_recent.Count > 0 && _recent.Peek().At < draft.At - Lookback))
                {
                    _recent.Dequeue();
                }
            }
            foreach (var incident in _incidents.Where(i => i.Active))
            {
                notify |= Attach(incident, draft);
            }
        }
        Notify(notify);
    }

    // Under the lock. Adds the entry when it concerns the incident; returns true when the incident changed.
    private bool Attach(Incident incident, Draft d)
    {
        if (!Concerns(incident, d))
        {
            return false;
        }
        string? first = d.TraceIds.Count > 0 ? d.TraceIds[0] : null;
        if (!incident.Add(d.At, d.Kind, d.Text, first, d.SessionIds.Count > 0 ? d.SessionIds[0] : null, d.Target, d.Source, d.Sampled, d.Change))
        {
            return false;
        }
        if (d.Kind is TimelineKind.Mitigation or TimelineKind.Herald)
        {
            foreach (var t in d.TraceIds)
            {
                incident.TraceIds.Add(t);
            }
            foreach (var s in d.SessionIds)
            {
                incident.SessionIds.Add(s);
            }
        }
        if (d.Mitigates is { } action && incident.State is IncidentState.Open or IncidentState.Acknowledged)
        {
            incident.State = IncidentState.Mitigated;
            incident.MitigatedAt = d.At;
            incident.MitigatedBy = action;
            incident.Add(d.At, TimelineKind.Mitigated, $"mitigated by {action}", first, null, d.Target, d.Source);
        }
        return Touch(incident);
    }

    private bool Concerns(Incident incident, Draft d)
    {
        if (d.TraceIds.Any(incident.TraceIds.Contains))
        {
            return true;
        }
        if (!incident.Group.TryGetValue("link", out var link))
        {
            // No link to match: network-wide changes belong to it, per-session ones only through its trace ids.
            return d.Kind is TimelineKind.Fault or TimelineKind.FaultCleared or TimelineKind.Mitigation or TimelineKind.Calibration or TimelineKind.Qkd;
        }
        if (d.Target == link || d.Target == "*" || (d.Reason?.Contains(link, StringComparison.Ordinal) ?? false))
        {
            return true;
        }
        return d.Target is not null && d.Kind is not (TimelineKind.Herald or TimelineKind.Swap)
            && _links.TryGetValue(link, out var ends) && (ends.A == d.Target || ends.B == d.Target);
    }

    private bool Touch(Incident? incident) => incident is not null && _dirty.Add(incident.Id) && _dirty.Count == 1;

    private void Notify(bool notify)
    {
        if (notify)
        {
            Changed?.Invoke();
        }
    }

    // An SLO group is in an incident's scope when they share a label with equal values (every group, for an incident without labels).
    private static bool InScope(IReadOnlyDictionary<string, string> incident, IReadOnlyDictionary<string, string> slo) =>
        incident.Count == 0 || (incident.Any(kv => slo.ContainsKey(kv.Key)) && incident.All(kv => !slo.TryGetValue(kv.Key, out var v) || v == kv.Value));

    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private sealed record Draft(DateTimeOffset At, TimelineKind Kind, string Text, IReadOnlyList<string> TraceIds, IReadOnlyList<string> SessionIds, string? Target,
        string Source, string? Mitigates, string? Reason = null)
    {
        public string? Change { get; init; }

        public bool Sampled { get; init; }
    }
}

/// <summary>Outcome of an operator command: <see cref="Incident"/> null means not found; <see cref="Conflict"/> set means the transition is not allowed.</summary>
internal sealed record IncidentCommandResult(IncidentView? Incident, string? Conflict)
{
    public static IncidentCommandResult NotFound { get; } = new(null, null);
}
