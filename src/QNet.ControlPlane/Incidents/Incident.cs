namespace QNet.ControlPlane.Incidents;

/// <summary>
/// The mutable state of one incident, owned by <see cref="IncidentBook"/> (every access under the book's lock).
/// <see cref="ToView"/> is its wire and store form; <see cref="FromView"/> rebuilds it after a restart.
/// </summary>
internal sealed class Incident
{
    private readonly List<TimelineEntryView> _timeline = [];
    private readonly Dictionary<string, int> _sampled = new(StringComparer.Ordinal);

    public Incident(string id, string key, IReadOnlyDictionary<string, string> group, string title, DateTimeOffset openedAt)
    {
        Id = id;
        Key = key;
        Group = group;
        Title = title;
        OpenedAt = openedAt;
    }

    public string Id { get; }
    public string Key { get; }
    public IReadOnlyDictionary<string, string> Group { get; }
    public string Title { get; }
    public DateTimeOffset OpenedAt { get; }
    public IncidentState State { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? MitigatedAt { get; set; }
    public string? MitigatedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }

    /// <summary>Alerts by fingerprint.</summary>
    public Dictionary<string, IncidentAlertEntry> Alerts { get; } = new(StringComparer.Ordinal);

    /// <summary>Trace ids of the affected sessions (what links session changes, heralds and swaps to it).</summary>
    public HashSet<string> TraceIds { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> SessionIds { get; } = new(StringComparer.Ordinal);

    public List<IncidentBudgetView> Budgets { get; set; } = [];

    public bool Active => State != IncidentState.Resolved;

    /// <summary>The next entry's sequence number.</summary>
    public long NextSequence => _timeline.Count == 0 ? 1 : _timeline[^1].Sequence + 1;

    public int TimelineCount => _timeline.Count;

    /// <summary>Appends an entry, unless the timeline is full or, for a <paramref name="sampled"/> kind, that kind already has its share.</summary>
    public bool Add(DateTimeOffset at, TimelineKind kind, string text, string? traceId, string? sessionId, string? target, string? source, bool sampled = false, string? change = null)
    {
        var name = IncidentNames.Name(kind);
        if (sampled)
        {
            var n = _sampled.GetValueOrDefault(name);
            if (n >= IncidentBook.MaxSampledPerKind)
            {
                return false;
            }
            _sampled[name] = n + 1;
        }
        bool lifecycle = kind is TimelineKind.Opened or TimelineKind.Acknowledged or TimelineKind.Mitigated or TimelineKind.Resolved or TimelineKind.Reopened;
        if (!lifecycle && _timeline.Count >= IncidentBook.MaxTimelineEntries)
        {
            return false;
        }
        _timeline.Add(new TimelineEntryView(NextSequence, at, name, text, traceId, sessionId, target, source, change));
        return true;
    }

    public IncidentView ToView(bool withTimeline = true) => new(Id, Key, Group, IncidentNames.Name(State), Title, OpenedAt, AcknowledgedAt, AcknowledgedBy,
        MitigatedAt, MitigatedBy, ResolvedAt, ResolvedBy,
        Alerts.Values.OrderBy(a => a.FiredAt).ThenBy(a => a.Fingerprint, StringComparer.Ordinal).Select(a => a.ToView()).ToArray(),
        SessionIds.ToArray(), Budgets.ToArray(),
        withTimeline ? _timeline.OrderBy(e => e.At).ThenBy(e => e.Sequence).ToArray() : []);

    public static Incident FromView(IncidentView v)
    {
        var incident = new Incident(v.Id, v.Key, v.Group, v.Title, v.OpenedAt)
        {
            State = IncidentNames.TryParse(v.State, out IncidentState s) ? s : IncidentState.Open,
            AcknowledgedAt = v.AcknowledgedAt,
            AcknowledgedBy = v.AcknowledgedBy,
            MitigatedAt = v.MitigatedAt,
            MitigatedBy = v.MitigatedBy,
            ResolvedAt = v.ResolvedAt,
            ResolvedBy = v.ResolvedBy,
            Budgets = [.. v.Budgets],
        };
        foreach (var a in v.Alerts)
        {
            incident.Alerts[a.Fingerprint] = IncidentAlertEntry.FromView(a);
        }
        foreach (var id in v.SessionIds)
        {
            incident.SessionIds.Add(id);
        }
        foreach (var e in v.Timeline.OrderBy(e => e.Sequence))
        {
            incident._timeline.Add(e);
            if (e.TraceId is not null)
            {
                incident.TraceIds.Add(e.TraceId);
            }
            if (e.Kind is "herald" or "swap")
            {
                incident._sampled[e.Kind] = incident._sampled.GetValueOrDefault(e.Kind) + 1;
            }
        }
        return incident;
    }
}

/// <summary>One alert of an incident, merged over its sources (firing while any source last said firing).</summary>
internal sealed class IncidentAlertEntry(string fingerprint, string name, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations)
{
    public string Fingerprint { get; } = fingerprint;
    public string Name { get; } = name;
    public IReadOnlyDictionary<string, string> Labels { get; } = labels;
    public IReadOnlyDictionary<string, string> Annotations { get; set; } = annotations;
    public DateTimeOffset FiredAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Last word of each source: true firing, false resolved.</summary>
    public SortedDictionary<string, bool> Sources { get; } = new(StringComparer.Ordinal);

    public bool Firing => Sources.Values.Any(f => f);

    public IncidentAlertView ToView() => new(Fingerprint, Name, Labels, Annotations, Firing ? "firing" : "resolved", FiredAt, Firing ? null : ResolvedAt, Sources.Keys.ToArray());

    public static IncidentAlertEntry FromView(IncidentAlertView v)
    {
        var entry = new IncidentAlertEntry(v.Fingerprint, v.Name, v.Labels, v.Annotations) { FiredAt = v.FiredAt, ResolvedAt = v.ResolvedAt };
        foreach (var s in v.Sources)
        {
            entry.Sources[s] = v.Status == "firing";
        }
        return entry;
    }
}
