using System.Text.Json;
using QNet.ControlPlane.ConfigChanges;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Storage;

internal sealed partial class ControlPlaneStore
{
    /// <summary>Stores a configuration change's record, replacing the previous one of the same id.</summary>
    public Task SaveConfigChangeAsync(ConfigChangeView change, CancellationToken ct = default) => ExecuteAsync(
        "INSERT INTO cp_config_changes (id, created_at, status, body) VALUES (@id, @at, @status, @body) " +
        "ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body",
        [("@id", change.Id), ("@at", change.CreatedAt.ToUnixTimeMilliseconds()), ("@status", change.Status), ("@body", JsonSerializer.Serialize(change, TwinPersistence.Json))], ct);

    /// <summary>Every stored configuration change, oldest first (records that no longer read are skipped).</summary>
    public async Task<List<ConfigChangeView>> ListConfigChangesAsync(CancellationToken ct = default)
    {
        var bodies = await QueryAsync("SELECT body FROM cp_config_changes ORDER BY created_at, id", [], r => r.GetString(0), ct).ConfigureAwait(false);
        var changes = new List<ConfigChangeView>(bodies.Count);
        foreach (var body in bodies)
        {
            try
            {
                if (JsonSerializer.Deserialize<ConfigChangeView>(body, TwinPersistence.Json) is { } change)
                {
                    changes.Add(change);
                }
            }
            catch (JsonException)
            {
                // A record written by a later schema of the body: left for that version to read.
            }
        }
        return changes;
    }
}
