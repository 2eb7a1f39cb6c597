using System.Data.Common;

namespace QNet.Kms.Storage;

/// <summary>
/// One serialized unit of store work: its connection and transaction, how to keep it, and how to undo it. Call
/// <see cref="CommitAsync"/> to keep the work; the store's write call returns once the work is durable (on SQLite after
/// the group-commit batch it joined has committed). Ending without a commit undoes it. Commands from <see cref="Command"/> belong to the scope (or to the store's statement cache)
/// and must not be disposed by the caller.
/// </summary>
internal sealed class WriteScope : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task> commit;
    private readonly Func<ValueTask> abandon;
    private readonly Func<ValueTask> leave;
    private readonly Func<string, DbCommand>? cachedCommand;
    private List<DbCommand>? owned;
    private bool finished;

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>
    /// The audit chain's head as last seen inside this write's transaction (shared by the writers of one SQLite
    /// group-commit batch). Valid only while the write lock is held; the store forgets it whenever work is undone.
    /// </summary>
    public AuditHead AuditHead { get; }

    /// <param name="abandon">Undoes the work when the scope is disposed without a commit (an exception).</param>
    /// <param name="leave">Ends the turn of a scope that wrote nothing (<see cref="LeaveUnchangedAsync"/>); defaults to <paramref name="abandon"/>.</param>
    /// <param name="cachedCommand">When given, returns a prepared command kept by the store for <c>sql</c> (its
    /// parameters are cleared here); otherwise commands are created per call and disposed with the scope.</param>
    public WriteScope(DbConnection connection, DbTransaction transaction, Func<CancellationToken, Task> commit, Func<ValueTask> abandon,
        AuditHead? auditHead = null, Func<string, DbCommand>? cachedCommand = null, Func<ValueTask>? leave = null)
    {
        this.leave = leave ?? abandon;
        Connection = connection;
        Transaction = transaction;
        this.commit = commit;
        this.abandon = abandon;
        this.cachedCommand = cachedCommand;
        AuditHead = auditHead ?? new AuditHead();
    }

    public DbCommand Command(string sql)
    {
        DbCommand command;
        if (cachedCommand is not null)
        {
            command = cachedCommand(sql);
            command.Parameters.Clear();
        }
        else
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            (owned ??= []).Add(command);
        }
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>Keeps the work. The scope owns its own clean-up from here, success or failure.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        finished = true;
        await DisposeOwnedAsync().ConfigureAwait(false);
        await commit(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a scope that has written nothing (a refusal decided by reads alone). Only valid before the first write:
    /// a store may run such scopes without a savepoint, so there would be nothing to undo a write with.
    /// </summary>
    public async ValueTask LeaveUnchangedAsync()
    {
        if (finished) return;
        finished = true;
        await DisposeOwnedAsync().ConfigureAwait(false);
        await leave().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (finished) return;
        finished = true;
        await DisposeOwnedAsync().ConfigureAwait(false);
        await abandon().ConfigureAwait(false);
    }

    private async ValueTask DisposeOwnedAsync()
    {
        if (owned is null) return;
        foreach (var command in owned) await command.DisposeAsync().ConfigureAwait(false);
        owned = null;
    }
}
