using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace QNet.Kms.Storage;

/// <summary>
/// Serialized writes on SQLite's one writer connection, with group commit by a leader. A writer puts its work in a
/// queue; if no batch is running it becomes the leader and runs the queued work of every writer, its own included, in
/// one transaction, then commits once and hands each writer its result. Writers that arrive meanwhile only wait: their
/// work runs on the leader's thread, so no writer is woken to take a lock and then again to learn its commit (the
/// store's statements are synchronous, so a turn is a few tens of microseconds of CPU).
/// <para>
/// A writer whose work may undo part of its own writes while going on (<c>partialUndo</c>) runs in a savepoint. Any
/// other writer either commits, leaves before writing, or throws; if it throws, the whole uncommitted batch is rolled
/// back and every writer in it gets the failure, so no caller is ever told of work that was undone. Results are handed
/// out only after the batch's commit returned, so no caller sees a result that a crash could undo.
/// </para>
/// </summary>
internal sealed partial class SqliteGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 64;
    private const string SaveSql = "SAVEPOINT qnet_op";
    private const string ReleaseSql = "RELEASE SAVEPOINT qnet_op";
    private const string RollbackSql = "ROLLBACK TO SAVEPOINT qnet_op";

    private readonly SqliteConnection _connection;
    private readonly ConcurrentQueue<PendingWrite> _queue = new();

    // 1 while a leader runs batches. Everything below is touched only by the leader.
    private int _leading;
    private int _disposed;

    // Prepared statements of the writer connection, by SQL text: Microsoft.Data.Sqlite prepares a command's statements
    // on first execution and keeps them while the command lives, so reusing the command skips sqlite3_prepare.
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private readonly List<PendingWrite> _batch = new(MaxBatch);
    private AuditHead _auditHead = new();

    /// <param name="connection">The open writer connection; it is owned (and disposed) by the caller.</param>
    public SqliteGroupCommit(SqliteConnection connection) => _connection = connection;

    /// <summary>
    /// Runs <paramref name="work"/> as one serialized write and returns its result once the write is durable. The work
    /// ends its turn with <see cref="WriteScope.CommitAsync"/> (keep), <see cref="WriteScope.LeaveUnchangedAsync"/>
    /// (nothing written, or with <paramref name="partialUndo"/> everything it wrote undone) or an exception.
    /// </summary>
    public Task<T> RunAsync<T>(bool partialUndo, Func<WriteScope, Task<T>> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var pending = new PendingWrite<T>(partialUndo, work, cancellationToken);
        _queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _leading, 1, 0) == 0)
        {
            return LeadThenAnswerAsync(pending);
        }
        // Disposal has taken the lead for good and may have drained the queue before this write joined it.
        if (Volatile.Read(ref _disposed) == 1)
        {
            FailQueued();
        }

        return pending.Task;
    }

    private async Task<T> LeadThenAnswerAsync<T>(PendingWrite<T> own)
    {
        await LeadAsync(own).ConfigureAwait(false);
        return await own.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Runs batches while this leader's own write is not answered, then gives up the lead. Work queued after that is
    /// led by a thread-pool item, so the leader's caller is answered without waiting for other writers' batches.
    /// </summary>
    private async Task LeadAsync(PendingWrite? own)
    {
        while (true)
        {
            try
            {
                await RunBatchAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Only disposing a failed transaction can throw here (its rollback failed too). Its writers get the
                // error, and the lead is still given up below: a leader that vanished would leave every later writer waiting.
                _auditHead.Forget();
                foreach (var undone in _batch)
                {
                    undone.Fail(e);
                }

                _batch.Clear();
            }
            // A full fence: a writer that enqueued before this exchange and saw leading == 1 is seen by IsEmpty below.
            Interlocked.Exchange(ref _leading, 0);
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _leading, 1, 0) != 0)
            {
                return;
            }

            if (own is null || own.IsAnswered)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.LeadAsync(null), this, preferLocal: false);
                return;
            }
        }
    }

    /// <summary>Starts a transaction, runs up to <see cref="MaxBatch"/> queued writes in it, commits, and answers them.</summary>
    private async Task RunBatchAsync()
    {
        SqliteTransaction? transaction = null;
        try
        {
            while (_batch.Count < MaxBatch && _queue.TryDequeue(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Fail(new OperationCanceledException(pending.CancellationToken));
                    continue;
                }
                if (transaction is null)
                {
                    try
                    {
                        // BEGIN IMMEDIATE: takes the database write lock now, so another process (e.g. `qnet pki issue-sae`) waits its turn.
                        transaction = _connection.BeginTransaction(deferred: false);
                    }
                    catch (Exception e)
                    {
                        pending.Fail(e);
                        continue;
                    }
                    _auditHead = new AuditHead();
                }
                if (!await RunOneAsync(pending, transaction).ConfigureAwait(false))
                {
                    await AbandonBatchAsync(transaction).ConfigureAwait(false);
                    transaction = null;
                }
            }
            if (transaction is null)
            {
                return;
            }

            Exception? failure = null;
            try
            {
                await transaction.CommitAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _auditHead.Forget();
                failure = e;
            }
            foreach (var written in _batch)
            {
                if (failure is null)
                {
                    written.Answer();
                }
                else
                {
                    written.Fail(failure);
                }
            }
            _batch.Clear();
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Runs one writer's work inside the batch. Returns false when the work failed without a savepoint to undo it by,
    /// so the whole batch must be rolled back.
    /// </summary>
    private async Task<bool> RunOneAsync(PendingWrite pending, SqliteTransaction transaction)
    {
        var savepoint = pending.PartialUndo;
        var ending = Ending.None;
        try
        {
            if (savepoint)
            {
                await ExecuteAsync(transaction, SaveSql).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            pending.Fail(e);
            return false;
        }
        var scope = new WriteScope(_connection, transaction,
            commit: _ =>
            {
                ending = Ending.Kept;
                return Task.CompletedTask;
            },
            abandon: () => ValueTask.CompletedTask,
            auditHead: _auditHead,
            cachedCommand: sql => Statement(sql),
            leave: () =>
            {
                ending = Ending.Left;
                return ValueTask.CompletedTask;
            });
        Exception? failure = null;
        try
        {
            await pending.RunAsync(scope).ConfigureAwait(false);
            if (ending == Ending.None)
            {
                failure = new InvalidOperationException("a store write ended without committing or leaving");
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        try
        {
            if (failure is null && ending == Ending.Kept)
            {
                if (savepoint)
                {
                    await ExecuteAsync(transaction, ReleaseSql).ConfigureAwait(false);
                }

                _batch.Add(pending);
                return true;
            }
            if (!savepoint)
            {
                // Left before writing: nothing to undo. Failed: the caller rolls the batch back.
                if (failure is null)
                {
                    pending.Answer();
                }
                else
                {
                    pending.Fail(failure);
                }

                return failure is null;
            }
            // Undo this writer's own writes and nothing else; they may have appended audit entries.
            _auditHead.Forget();
            await ExecuteAsync(transaction, RollbackSql).ConfigureAwait(false);
            await ExecuteAsync(transaction, ReleaseSql).ConfigureAwait(false);
            if (failure is null)
            {
                pending.Answer();
            }
            else
            {
                pending.Fail(failure);
            }

            return true;
        }
        catch (Exception e)
        {
            // A savepoint statement itself failed: only rolling back the whole batch is safe.
            pending.Fail(failure ?? e);
            return false;
        }
    }

    /// <summary>
    /// Rolls the whole uncommitted batch back after a write without a savepoint failed. The writers whose work was in
    /// it get the failure, so no caller is ever told of work that was undone.
    /// </summary>
    private async Task AbandonBatchAsync(SqliteTransaction transaction)
    {
        _auditHead.Forget();
        try
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back itself (e.g. after an I/O error); disposing finishes it.
        }
        finally
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            var failure = new InvalidOperationException("the write batch was rolled back because a write in it failed; retry the request");
            foreach (var undone in _batch)
            {
                undone.Fail(failure);
            }

            _batch.Clear();
        }
    }

    /// <summary>Runs a savepoint statement through the statement cache (SqliteTransaction.Save/Release/Rollback prepare a new command each time).</summary>
    private async Task ExecuteAsync(SqliteTransaction transaction, string sql)
    {
        var command = Statement(sql);
        command.Parameters.Clear();
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private SqliteCommand Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _statements[sql] = command;
        }
        return command;
    }

    /// <summary>
    /// Runs every write still queued, then refuses new ones: the lead is taken for good, and writers that arrive
    /// after it are failed with <see cref="ObjectDisposedException"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        while (Interlocked.CompareExchange(ref _leading, 1, 0) != 0)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }

        while (!_queue.IsEmpty)
        {
            await RunBatchAsync().ConfigureAwait(false);
        }

        foreach (var command in _statements.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _statements.Clear();
        FailQueued();
    }

    private void FailQueued()
    {
        while (_queue.TryDequeue(out var late))
        {
            late.Fail(new ObjectDisposedException(nameof(SqliteGroupCommit)));
        }
    }

    private enum Ending
    {
        None,
        Kept,
        Left,
    }
}
