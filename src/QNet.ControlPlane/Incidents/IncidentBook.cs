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
internal sealed partial class IncidentBook
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
    private readonly Queue<TimelineDraft> _recent = new();
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
    public void RecordFault(Twin.Fault fault, DateTimeOffset at) => Record(TimelineDraft.OfFault(fault, at));

    /// <summary>Records a calibration run of <paramref name="link"/> (an operator action that mitigates drift).</summary>
    public void RecordCalibration(string link, DateTimeOffset at, double driftBefore) => Record(TimelineDraft.OfCalibration(link, at, driftBefore));

    /// <summary>Records an event of the twin's stream (mitigation, session, qkd, herald, swap; others are ignored); <paramref name="at"/> is its twin time.</summary>
    public void RecordEvent(TwinEvent e, DateTimeOffset at)
    {
        if (TimelineDraft.OfEvent(e, at) is { } draft)
        {
            Record(draft);
        }
    }

    private Incident Open(string key, IReadOnlyDictionary<string, string> group, string title, DateTimeOffset at)
    {
        var incident = new Incident(_newId(), key, group, title, at);
        incident.Budgets = _budgets().Where(b => IncidentScope.Covers(group, b.Group))
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
            RemainingAtResolve = now.FirstOrDefault(s => s.Slo == b.Slo && IncidentScope.SameLabels(s.Group, b.Group))?.BudgetRemaining,
        }).ToList();
        incident.Add(at, TimelineKind.Resolved, text, null, null, null, by);
    }

    private void Record(TimelineDraft draft)
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
    private bool Attach(Incident incident, TimelineDraft d)
    {
        if (!IncidentScope.Concerns(incident, d, _links))
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

    private bool Touch(Incident? incident) => incident is not null && _dirty.Add(incident.Id) && _dirty.Count == 1;

    private void Notify(bool notify)
    {
        if (notify)
        {
            Changed?.Invoke();
        }
    }
}
