namespace QNet.ControlPlane.Incidents;

/// <summary>What belongs to an incident: the rules that attach timeline entries and SLO budgets to it.</summary>
internal static class IncidentScope
{
    /// <summary>
    /// True when <paramref name="d"/> concerns <paramref name="incident"/>: it carries one of the incident's trace ids, or
    /// it acts on the incident's link, on one of that link's end nodes (not for sampled heralds and swaps), on every node
    /// (<c>*</c>), or a session change names the link in its reason. An incident without a link label takes every
    /// network-wide change (faults, mitigations, calibrations, QKD), and session entries only through its trace ids.
    /// </summary>
    public static bool Concerns(Incident incident, TimelineDraft d, IReadOnlyDictionary<string, (string A, string B)> links)
    {
        if (d.TraceIds.Any(incident.TraceIds.Contains))
        {
            return true;
        }
        if (!incident.Group.TryGetValue("link", out var link))
        {
            return d.Kind is TimelineKind.Fault or TimelineKind.FaultCleared or TimelineKind.Mitigation or TimelineKind.Calibration or TimelineKind.Qkd;
        }
        if (d.Target == link || d.Target == "*" || (d.Reason?.Contains(link, StringComparison.Ordinal) ?? false))
        {
            return true;
        }
        return d.Target is not null && d.Kind is not (TimelineKind.Herald or TimelineKind.Swap)
            && links.TryGetValue(link, out var ends) && (ends.A == d.Target || ends.B == d.Target);
    }

    /// <summary>An SLO group is covered by an incident's group when they share a label with equal values (every group, for an incident without labels).</summary>
    public static bool Covers(IReadOnlyDictionary<string, string> incident, IReadOnlyDictionary<string, string> slo) =>
        incident.Count == 0 || (incident.Any(kv => slo.ContainsKey(kv.Key)) && incident.All(kv => !slo.TryGetValue(kv.Key, out var v) || v == kv.Value));

    public static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
