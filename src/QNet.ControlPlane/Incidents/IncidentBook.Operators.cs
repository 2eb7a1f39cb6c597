namespace QNet.ControlPlane.Incidents;

/// <summary>The operators' side of the incident record: acknowledge, resolve, and read.</summary>
internal sealed partial class IncidentBook
{
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
}
