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
    private readonly Func<CancellationToken, Task> _commit;
    private readonly Func<ValueTask> _abandon;
    private readonly Func<ValueTask> _leave;
    private readonly Func<string, DbCommand>? _cachedCommand;
    private List<DbCommand>? _owned;
    private bool _finished;

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
        _leave = leave ?? abandon;
        Connection = connection;
        Transaction = transaction;
        _commit = commit;
        _abandon = abandon;
        _cachedCommand = cachedCommand;
        AuditHead = auditHead ?? new AuditHead();
    }

    public DbCommand Command(string sql)
    {
        DbCommand command;
        if (_cachedCommand is not null)
        {
            command = _cachedCommand(sql);
            command.Parameters.Clear();
        }
        else
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            (_owned ??= []).Add(command);
        }
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>Keeps the work. The scope owns its own clean-up from here, success or failure.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        _finished = true;
        await DisposeOwnedAsync().ConfigureAwait(false);
        await _commit(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a scope that has written nothing (a refusal decided by reads alone). Only valid before the first write:
    /// a store may run such scopes without a savepoint, so there would be nothing to undo a write with.
    /// </summary>
    public async ValueTask LeaveUnchangedAsync()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        await DisposeOwnedAsync().ConfigureAwait(false);
        await _leave().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        await DisposeOwnedAsync().ConfigureAwait(false);
        await _abandon().ConfigureAwait(false);
    }

    private async ValueTask DisposeOwnedAsync()
    {
        if (_owned is null)
        {
            return;
        }

        foreach (var command in _owned)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _owned = null;
    }
}
