using Npgsql;

namespace QNet.ControlPlane.HighAvailability;

/// <summary>
/// The SQL of the replica table (<c>cp_replicas</c>: id, advertised API URL, role, heartbeat) and of the lease row
/// (<c>cp_leader</c>: one row, the epoch bumped by each new leader, and who holds it). Times are the database
/// server's clock in Unix milliseconds, so replicas with skewed clocks agree on staleness.
/// </summary>
internal static class ReplicaRegistry
{
    private const string ServerNowMs = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

    /// <summary>Inserts or refreshes a replica's row.</summary>
    public static async Task HeartbeatAsync(NpgsqlConnection connection, string replicaId, Uri url, ReplicaRole role, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO cp_replicas (id, api_url, role, started_at, heartbeat_at) VALUES (@id, @url, @role, {ServerNowMs}, {ServerNowMs}) " +
            $"ON CONFLICT (id) DO UPDATE SET api_url = excluded.api_url, role = excluded.role, heartbeat_at = {ServerNowMs}", connection);
        command.Parameters.AddWithValue("id", replicaId);
        command.Parameters.AddWithValue("url", url.ToString());
        command.Parameters.AddWithValue("role", ReplicaRoleNames.Of(role));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The leader's URL and id when its heartbeat is fresh, else null.</summary>
    public static async Task<(Uri Url, string ReplicaId)?> LiveLeaderAsync(NpgsqlConnection connection, TimeSpan staleAfter, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT l.api_url, l.replica_id FROM cp_leader l JOIN cp_replicas r ON r.id = l.replica_id " +
            $"WHERE l.singleton = 1 AND r.heartbeat_at >= {ServerNowMs} - @stale", connection);
        command.Parameters.AddWithValue("stale", (long)staleAfter.TotalMilliseconds);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) && Uri.TryCreate(reader.GetString(0), UriKind.Absolute, out var url)
            ? (url, reader.GetString(1)) : null;
    }

    /// <summary>
    /// Takes the lease row for <paramref name="replicaId"/> (call only while holding the lock, on the lock's own
    /// connection): bumps the epoch and returns it with the previous holder ("" after a clean release, null at first).
    /// </summary>
    public static async Task<(long Epoch, string? Previous)> TakeLeaseAsync(NpgsqlConnection connection, string replicaId, Uri url, CancellationToken ct)
    {
        string? previous;
        await using (var read = new NpgsqlCommand("SELECT replica_id FROM cp_leader WHERE singleton = 1", connection))
        {
            previous = await read.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
        }
        await using var take = new NpgsqlCommand(
            $"INSERT INTO cp_leader (singleton, epoch, replica_id, api_url, since) VALUES (1, 1, @id, @url, {ServerNowMs}) " +
            "ON CONFLICT (singleton) DO UPDATE SET epoch = cp_leader.epoch + 1, replica_id = excluded.replica_id, api_url = excluded.api_url, since = excluded.since " +
            "RETURNING epoch", connection);
        take.Parameters.AddWithValue("id", replicaId);
        take.Parameters.AddWithValue("url", url.ToString());
        var epoch = Convert.ToInt64(await take.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return (epoch, previous);
    }

    /// <summary>Marks the lease released by its holder at <paramref name="epoch"/> (a clean stop is not a failover for the next leader).</summary>
    public static async Task ReleaseLeaseAsync(NpgsqlConnection connection, long epoch, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("UPDATE cp_leader SET replica_id = '' WHERE singleton = 1 AND epoch = @epoch", connection);
        command.Parameters.AddWithValue("epoch", epoch);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Removes a replica's row (clean stop).</summary>
    public static async Task RemoveAsync(NpgsqlConnection connection, string replicaId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("DELETE FROM cp_replicas WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", replicaId);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
