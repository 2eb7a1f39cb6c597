using System.Data.Common;
using Microsoft.Data.Sqlite;
using QNet.Kms.Crypto;

namespace QNet.Kms.Storage;

/// <summary>
/// SQLite store: WAL journal (readers never block the writer), one long-lived writer connection, and group commit.
/// Writers take an in-process gate in turn and run inside a shared transaction, which is committed when no writer is
/// waiting (or after <see cref="MaxBatch"/> writers). A writer that may undo part of its own work runs in a
/// savepoint; one that cannot (it refuses before writing) runs without one, and if it fails anyway the whole
/// uncommitted batch is rolled back and every writer in it gets the failure. A writer's
/// <see cref="WriteScope.CommitAsync"/> returns only after that commit, so no caller ever sees a result that a crash
/// could undo. <c>synchronous=NORMAL</c>: a committed transaction survives the process being killed; only an
/// operating-system crash or power loss can drop the last ones.
/// </summary>
internal sealed class SqliteKmsStore : SqlKmsStore
{
    private const int MaxBatch = 64;
    private const string SaveSql = "SAVEPOINT qnet_op";
    private const string ReleaseSql = "RELEASE SAVEPOINT qnet_op";
    private const string RollbackSql = "ROLLBACK TO SAVEPOINT qnet_op";
    private readonly string connectionString;
    private readonly SemaphoreSlim gate = new(1, 1);
    private SqliteConnection? writer;
    private int waiting;
    private readonly CancellationTokenSource stopping = new();
    private Task? checkpointer;

    // Guarded by the gate.
    private SqliteTransaction? batch;
    private TaskCompletionSource? batchCommitted;
    private int batchSize;
    private AuditHead batchAuditHead = new();

    // Prepared statements of the writer connection, by SQL text (guarded by the gate): Microsoft.Data.Sqlite prepares a
    // command's statements on first execution and keeps them while the command lives, so reusing the command skips
    // sqlite3_prepare on every request.
    private readonly Dictionary<string, SqliteCommand> statements = new(StringComparer.Ordinal);

    public SqliteKmsStore(string path, MasterKey masterKey) : base(masterKey)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    protected override string BlobType => "BLOB";

    protected override string ClusteredTable => " WITHOUT ROWID";

    protected override string SequenceType => "INTEGER";

    protected override string ColumnCountSql => "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column";

    public override async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        writer = new SqliteConnection(connectionString);
        await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var pragma = writer.CreateCommand())
        {
            // The writer never checkpoints: a checkpoint copies WAL pages into the database and fsyncs, which inside the
            // write gate would stall every waiting request. CheckpointLoopAsync does it beside the writer instead.
            pragma.CommandText = "PRAGMA page_size=1024; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA wal_autocheckpoint=0;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await base.InitializeAsync(cancellationToken).ConfigureAwait(false);
        checkpointer = Task.Run(() => CheckpointLoopAsync(stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// Checkpoints the WAL from its own connection every <see cref="CheckpointInterval"/>. PASSIVE mode never blocks
    /// the writer or readers; once a checkpoint has caught up, the next write transaction restarts the WAL from its
    /// start, so the file stays bounded. A final TRUNCATE checkpoint runs at dispose.
    /// </summary>
    private async Task CheckpointLoopAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var timer = new PeriodicTimer(CheckpointInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await checkpoint.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (SqliteException)
                {
                    // SQLITE_BUSY from another process's checkpoint: the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(250);

    protected override async Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite retries SQLITE_BUSY itself until DefaultTimeout; WAL readers rarely meet it.
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    protected override async Task<WriteScope> BeginWriteAsync(bool partialUndo, CancellationToken cancellationToken)
    {
        var connection = writer ?? throw new InvalidOperationException("store not initialized");
        // Not cancellable: a waiter that vanished could leave a batch uncommitted (see Finish).
        Interlocked.Increment(ref waiting);
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        Interlocked.Decrement(ref waiting);
        try
        {
            if (batch is null)
            {
                // BEGIN IMMEDIATE: takes the database write lock now, so another process (e.g. `qnet pki issue-sae`) waits its turn.
                batch = connection.BeginTransaction(deferred: false);
                batchCommitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                batchSize = 0;
                batchAuditHead = new AuditHead();
            }
            if (partialUndo) await RunAsync(batch, SaveSql).ConfigureAwait(false);
        }
        catch
        {
            await FinishAsync(kept: false).ConfigureAwait(false);
            throw;
        }
        var transaction = batch;
        if (!partialUndo)
        {
            // No savepoint: a failed write takes the whole uncommitted batch with it (RollBackBatchAsync).
            return new WriteScope(connection, transaction,
                commit: async _ => await (await FinishAsync(kept: true).ConfigureAwait(false)).ConfigureAwait(false),
                abandon: () => new ValueTask(RollBackBatchAsync(transaction)),
                auditHead: batchAuditHead,
                cachedCommand: sql => CachedCommand(connection, sql),
                leave: async () => await FinishAsync(kept: false).ConfigureAwait(false));
        }
        return new WriteScope(connection, transaction,
            commit: async _ =>
            {
                // Not cancellable: once a writer commits, its turn must end and the batch must finish.
                try
                {
                    await RunAsync(transaction, ReleaseSql).ConfigureAwait(false);
                }
                catch
                {
                    await UndoAsync(transaction).ConfigureAwait(false);
                    throw;
                }
                var durable = await FinishAsync(kept: true).ConfigureAwait(false);
                await durable.ConfigureAwait(false);
            },
            abandon: () => new ValueTask(UndoAsync(transaction)),
            auditHead: batchAuditHead,
            cachedCommand: sql => CachedCommand(connection, sql));
    }

    /// <summary>
    /// Rolls the whole uncommitted batch back after a write without a savepoint failed, and ends the turn. The writers
    /// whose work was in the batch are still waiting for its commit: they get the failure, so no caller is ever told
    /// of work that was undone.
    /// </summary>
    private async Task RollBackBatchAsync(SqliteTransaction transaction)
    {
        try
        {
            batchAuditHead.Forget();
            var failed = batchCommitted;
            batch = null;
            batchCommitted = null;
            try
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
            }
            finally
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
                failed?.TrySetException(new InvalidOperationException("the write batch was rolled back because a write in it failed; retry the request"));
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs a savepoint statement through the statement cache (SqliteTransaction.Save/Release/Rollback prepare a new command each time).</summary>
    private async Task RunAsync(SqliteTransaction transaction, string sql)
    {
        var command = CachedCommand(transaction.Connection!, sql);
        command.Parameters.Clear();
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private SqliteCommand CachedCommand(SqliteConnection connection, string sql)
    {
        if (!statements.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            statements[sql] = command;
        }
        return command;
    }

    /// <summary>Rolls one writer's savepoint back and ends its turn.</summary>
    private async Task UndoAsync(SqliteTransaction transaction)
    {
        // The rolled-back savepoint may have appended audit entries: re-read the head next time.
        batchAuditHead.Forget();
        try
        {
            await RunAsync(transaction, RollbackSql).ConfigureAwait(false);
            await RunAsync(transaction, ReleaseSql).ConfigureAwait(false);
        }
        finally
        {
            await FinishAsync(kept: false).ConfigureAwait(false);
        }
    }

    /// <summary>Ends one writer's turn (gate held): commits the batch if nobody waits or it is full, then releases the gate.</summary>
    private async Task<Task> FinishAsync(bool kept)
    {
        var durable = Task.CompletedTask;
        try
        {
            if (kept) batchSize++;
            if (batch is not null)
            {
                durable = batchCommitted!.Task;
                if (Volatile.Read(ref waiting) == 0 || batchSize >= MaxBatch)
                {
                    var committing = batch;
                    var done = batchCommitted;
                    batch = null;
                    batchCommitted = null;
                    try
                    {
                        await committing.CommitAsync().ConfigureAwait(false);
                        done.SetResult();
                    }
                    catch (Exception e)
                    {
                        done.SetException(e);
                    }
                    finally
                    {
                        await committing.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            gate.Release();
        }
        return kept ? durable : Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (checkpointer is not null) await checkpointer.ConfigureAwait(false);
        stopping.Dispose();
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (batch is not null)
            {
                await batch.CommitAsync().ConfigureAwait(false);
                batchCommitted?.TrySetResult();
                await batch.DisposeAsync().ConfigureAwait(false);
                batch = null;
            }
            foreach (var command in statements.Values) await command.DisposeAsync().ConfigureAwait(false);
            statements.Clear();
            if (writer is not null)
            {
                await using (var truncate = writer.CreateCommand())
                {
                    truncate.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                    try { await truncate.ExecuteNonQueryAsync().ConfigureAwait(false); }
                    catch (SqliteException) { } // busy with another process: the WAL stays for the next start, nothing is lost
                }
                await writer.DisposeAsync().ConfigureAwait(false);
            }
            writer = null;
        }
        finally
        {
            gate.Release();
        }
        SqliteConnection.ClearAllPools();
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
