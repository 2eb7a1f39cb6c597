using System.Data.Common;

namespace QNet.Kms.Storage;

/// <summary>
/// One serialized unit of store work: its connection and transaction, how to make it durable, and how to undo it.
/// Call <see cref="CommitAsync"/> to keep the work (it returns once the work is durable); disposing without
/// committing undoes it.
/// </summary>
internal sealed class WriteScope : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task> commit;
    private readonly Func<ValueTask> abandon;
    private bool finished;

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public WriteScope(DbConnection connection, DbTransaction transaction, Func<CancellationToken, Task> commit, Func<ValueTask> abandon)
    {
        Connection = connection;
        Transaction = transaction;
        this.commit = commit;
        this.abandon = abandon;
    }

    public DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Keeps the work; completes when it is durable. The scope owns its own clean-up from here, success or failure.</summary>
    public Task CommitAsync(CancellationToken cancellationToken)
    {
        finished = true;
        return commit(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        if (finished) return ValueTask.CompletedTask;
        finished = true;
        return abandon();
    }
}
