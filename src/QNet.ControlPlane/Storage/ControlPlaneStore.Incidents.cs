using System.Text.Json;
using QNet.ControlPlane.Incidents;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Storage;

internal sealed partial class ControlPlaneStore
{
    /// <summary>
    /// Writes incidents: the incident row (everything but the timeline, as JSON) is replaced, and timeline entries not
    /// stored yet are added (entries never change once written).
    /// </summary>
    public async Task SaveIncidentsAsync(IReadOnlyList<IncidentView> incidents, CancellationToken ct = default)
    {
        if (incidents.Count == 0)
        {
            return;
        }
        await ExecuteBatchAsync(
            "INSERT INTO cp_incidents (id, incident_key, state, opened_at, body) VALUES (@id, @key, @state, @opened, @body) " +
            "ON CONFLICT (id) DO UPDATE SET state = excluded.state, body = excluded.body",
            incidents.Select(i => (IReadOnlyList<(string, object?)>)[("@id", i.Id), ("@key", i.Key), ("@state", i.State), ("@opened", i.OpenedAt.ToUnixTimeMilliseconds()),
                ("@body", JsonSerializer.Serialize(i with { Timeline = [] }, TwinPersistence.Json))]), ct).ConfigureAwait(false);
        await ExecuteBatchAsync(
            "INSERT INTO cp_incident_timeline (incident_id, seq, at, kind, trace_id, body) VALUES (@id, @seq, @at, @kind, @trace, @body) " +
            "ON CONFLICT (incident_id, seq) DO NOTHING",
            incidents.SelectMany(i => i.Timeline.Select(e => (IReadOnlyList<(string, object?)>)[("@id", i.Id), ("@seq", e.Sequence), ("@at", e.At.ToUnixTimeMilliseconds()),
                ("@kind", e.Kind), ("@trace", e.TraceId), ("@body", JsonSerializer.Serialize(e, TwinPersistence.Json))])), ct).ConfigureAwait(false);
    }

    /// <summary>What a restart loads: every unresolved incident and the newest <paramref name="resolved"/> resolved ones, with their timelines.</summary>
    public async Task<List<IncidentView>> ListIncidentsForStartAsync(int resolved, CancellationToken ct = default)
    {
        const string Chosen = "SELECT id FROM cp_incidents WHERE state <> 'resolved' UNION SELECT id FROM (SELECT id FROM cp_incidents WHERE state = 'resolved' ORDER BY opened_at DESC, id DESC LIMIT @n) newest";
        var incidents = await QueryAsync($"SELECT body FROM cp_incidents WHERE id IN ({Chosen})", [("@n", resolved)],
            r => JsonSerializer.Deserialize<IncidentView>(r.GetString(0), TwinPersistence.Json)!, ct).ConfigureAwait(false);
        var entries = await QueryAsync($"SELECT incident_id, body FROM cp_incident_timeline WHERE incident_id IN ({Chosen}) ORDER BY incident_id, seq", [("@n", resolved)],
            r => (Id: r.GetString(0), Entry: JsonSerializer.Deserialize<TimelineEntryView>(r.GetString(1), TwinPersistence.Json)!), ct).ConfigureAwait(false);
        var byIncident = entries.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.Select(e => e.Entry).ToArray(), StringComparer.Ordinal);
        return incidents.Select(i => i with { Timeline = (byIncident.GetValueOrDefault(i.Id) ?? []).OrderBy(e => e.At).ThenBy(e => e.Sequence).ToArray() }).ToList();
    }

    /// <summary>One stored incident with its timeline, or null (incidents no longer held in memory).</summary>
    public async Task<IncidentView?> GetIncidentAsync(string id, CancellationToken ct = default)
    {
        var incident = (await QueryAsync("SELECT body FROM cp_incidents WHERE id = @id", [("@id", id)],
            r => JsonSerializer.Deserialize<IncidentView>(r.GetString(0), TwinPersistence.Json)!, ct).ConfigureAwait(false)).FirstOrDefault();
        if (incident is null)
        {
            return null;
        }
        var timeline = await QueryAsync("SELECT body FROM cp_incident_timeline WHERE incident_id = @id ORDER BY seq", [("@id", id)],
            r => JsonSerializer.Deserialize<TimelineEntryView>(r.GetString(0), TwinPersistence.Json)!, ct).ConfigureAwait(false);
        return incident with { Timeline = timeline.OrderBy(e => e.At).ThenBy(e => e.Sequence).ToArray() };
    }
}
