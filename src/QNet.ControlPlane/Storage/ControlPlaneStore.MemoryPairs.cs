namespace QNet.ControlPlane.Storage;

internal sealed partial class ControlPlaneStore
{
    /// <summary>
    /// Replaces the memory snapshot (<c>cp_memory_pairs</c>) with <paramref name="rows"/>, in one transaction: a reader
    /// sees the previous snapshot or this one whole, never a mix.
    /// </summary>
    public async Task ReplaceMemoryPairsAsync(IReadOnlyList<MemoryPairsRecord> rows, CancellationToken ct = default)
    {
        await _writer.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (var clear = Command(connection, "DELETE FROM cp_memory_pairs", []))
            {
                clear.Transaction = transaction;
                await clear.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            foreach (var row in rows)
            {
                await using var insert = Command(connection,
                    "INSERT INTO cp_memory_pairs (session_id, held_pairs, lost_at_failover, at) VALUES (@session, @held, @lost, @at)",
                    [("@session", row.SessionId), ("@held", row.Held), ("@lost", row.LostAtFailover), ("@at", row.UnixMs)]);
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>The memory snapshot the last leader stored.</summary>
    public Task<List<MemoryPairsRecord>> ListMemoryPairsAsync(CancellationToken ct = default) => QueryAsync(
        "SELECT session_id, held_pairs, lost_at_failover, at FROM cp_memory_pairs", [],
        r => new MemoryPairsRecord(r.GetString(0), Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)), ct);
}
