using System.Data.Common;

namespace QNet.Kms.Storage;

/// <summary>One serialized write transaction: its connection, its transaction, and what to release afterwards.</summary>
internal sealed class WriteScope : IAsyncDisposable
{
    private readonly Action? release;
    private readonly bool ownsConnection;

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public WriteScope(DbConnection connection, DbTransaction transaction, bool ownsConnection, Action? release)
    {
        Connection = connection;
        Transaction = transaction;
        this.ownsConnection = ownsConnection;
        this.release = release;
    }

    public DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            if (ownsConnection) await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            release?.Invoke();
        }
    }
}
