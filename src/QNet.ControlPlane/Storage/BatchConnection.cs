using System.Data.Common;

namespace QNet.ControlPlane.Storage;

/// <summary>
/// The store's long-lived writer connection with its two statements (session upsert, event insert) kept and
/// re-bound per row, so a batch costs one transaction and no connection set-up or SQL parsing per row. Used
/// only under the store's writer lock.
/// </summary>
internal sealed class BatchConnection : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbCommand _session;
    private readonly DbCommand _event;

    private BatchConnection(DbConnection connection, DbCommand session, DbCommand @event)
    {
        _connection = connection;
        _session = session;
        _event = @event;
    }

    public static async Task<BatchConnection> OpenAsync(ControlPlaneStore store, CancellationToken cancellationToken)
    {
        var connection = await store.OpenConnectionAsync(cancellationToken, "FULL").ConfigureAwait(false);
        return new BatchConnection(connection,
            ControlPlaneStore.Command(connection, ControlPlaneStore.UpsertSession, Names("@id", "@request", "@trace", "@span", "@created", "@origin", "@outcome", "@reason", "@pairs", "@fid")),
            ControlPlaneStore.Command(connection, ControlPlaneStore.InsertEvent, Names("@at", "@session", "@trace", "@body")));
    }

    /// <summary>Writes the rows (parameters in the statements' order) in one transaction.</summary>
    public async Task WriteAsync(IEnumerable<IReadOnlyList<(string Name, object? Value)>> sessions, IEnumerable<IReadOnlyList<(string Name, object? Value)>> events,
        CancellationToken cancellationToken)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        _session.Transaction = transaction;
        _event.Transaction = transaction;
        foreach (var row in sessions)
        {
            await RunAsync(_session, row, cancellationToken).ConfigureAwait(false);
        }
        foreach (var row in events)
        {
            await RunAsync(_event, row, cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task<int> RunAsync(DbCommand command, IReadOnlyList<(string Name, object? Value)> row, CancellationToken cancellationToken)
    {
        for (int i = 0; i < row.Count; i++)
        {
            command.Parameters[i].Value = row[i].Value ?? DBNull.Value;
        }
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static (string, object?)[] Names(params string[] names) => names.Select(n => (n, (object?)null)).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync().ConfigureAwait(false);
        await _event.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
