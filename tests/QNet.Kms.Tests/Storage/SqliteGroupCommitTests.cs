using Microsoft.Data.Sqlite;
using QNet.Kms.Storage;

namespace QNet.Kms.Tests.Storage;

/// <summary>
/// The SQLite group commit on its own: writers queued behind a busy leader share its transaction, every answered write
/// is durable, a cancelled writer never runs, and disposal runs or refuses every queued write (none hangs, none is lost).
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"qnet-groupcommit-{Guid.NewGuid():N}.db");
    private SqliteConnection _connection = null!;
    private SqliteGroupCommit _writes = null!;
    private readonly System.Collections.Concurrent.ConcurrentBag<int> _ran = [];

    public async Task InitializeAsync()
    {
        _connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await _connection.OpenAsync();
        await using var ddl = _connection.CreateCommand();
        ddl.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (writer INTEGER PRIMARY KEY)";
        await ddl.ExecuteNonQueryAsync();
        _writes = new SqliteGroupCommit(_connection);
    }

    public async Task DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _connection.DisposeAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private Task<SqliteTransaction> InsertAsync(int writer, CancellationToken cancellationToken = default) =>
        InsertAsync(writer, started: null, hold: null, cancellationToken);

    private Task<SqliteTransaction> InsertAsync(int writer, ManualResetEventSlim? started, ManualResetEventSlim? hold, CancellationToken cancellationToken = default) =>
        _writes.RunAsync(partialUndo: writer % 2 == 0, async scope =>
        {
            _ran.Add(writer);
            started?.Set();
            hold?.Wait(TimeSpan.FromSeconds(30), cancellationToken);
            var insert = scope.Command("INSERT INTO t (writer) VALUES (@w)");
            await insert.With("@w", (long)writer).ExecuteNonQueryAsync(cancellationToken);
            await scope.CommitAsync(cancellationToken);
            return (SqliteTransaction)scope.Transaction;
        }, cancellationToken);

    private async Task<List<long>> StoredWritersAsync()
    {
        await using var reader = new SqliteConnection($"Data Source={_path};Pooling=False");
        await reader.OpenAsync();
        await using var select = reader.CreateCommand();
        select.CommandText = "SELECT writer FROM t ORDER BY writer";
        var rows = new List<long>();
        await using var result = await select.ExecuteReaderAsync();
        while (await result.ReadAsync())
        {
            rows.Add(result.GetInt64(0));
        }

        return rows;
    }

    /// <summary>
    /// Starts a writer that becomes the leader and holds its turn until <paramref name="hold"/> is set, so the writers
    /// started after this returns queue up behind it (the hold's wait bound only guards against a hang).
    /// </summary>
    private Task<SqliteTransaction> HoldTheLeadAsync(int writer, out ManualResetEventSlim hold)
    {
        var release = hold = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var leader = Task.Run(() => InsertAsync(writer, started, release));
        started.Wait();
        return leader;
    }

    [Fact]
    public async Task RunAsync_WritersQueuedBehindTheLeader_ShareTransactionsAndAllAreDurable()
    {
        const int writers = 200;
        var first = HoldTheLeadAsync(0, out var hold);
        var others = Enumerable.Range(1, writers - 1).Select(w => InsertAsync(w)).ToList();
        hold.Set();
        var transactions = await Task.WhenAll(others.Prepend(first));
        hold.Dispose();

        Assert.Equal(Enumerable.Range(0, writers).Select(w => (long)w), await StoredWritersAsync());
        // At most 64 writes share a transaction, and all 199 followers were queued before the first write ended: the
        // first batch holds 64 of them, the rest follow in full batches, so 200 writes take 4 transactions.
        Assert.Equal(4, transactions.Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_CancelledWhileQueued_WorkNeverRunsAndCallerSeesCancellation()
    {
        using var cancel = new CancellationTokenSource();
        var first = HoldTheLeadAsync(1, out var hold);
        var cancelled = InsertAsync(2, cancel.Token);
        await cancel.CancelAsync();
        hold.Set();

        await first;
        hold.Dispose();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.DoesNotContain(2, _ran);
        Assert.Equal([1L], await StoredWritersAsync());
    }

    [Fact]
    public async Task DisposeAsync_WritersRacingDisposal_EachWriteDurableOrRefused()
    {
        const int writers = 300;
        var outcomes = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            try
            {
                await InsertAsync(w);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        })).ToList();
        await _writes.DisposeAsync();
        // A liveness bound, not a speed limit: a writer left waiting forever would be a lost write.
        var answered = await Task.WhenAll(outcomes).WaitAsync(TimeSpan.FromMinutes(2));

        var stored = await StoredWritersAsync();
        Assert.Equal(Enumerable.Range(0, writers).Where(w => answered[w]).Select(w => (long)w), stored);
    }
}
