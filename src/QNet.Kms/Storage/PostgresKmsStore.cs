using System.Data.Common;
using Npgsql;
using QNet.Kms.Crypto;

namespace QNet.Kms.Storage;

/// <summary>
/// PostgreSQL store: pooled connections; every write transaction first takes one transaction-scoped advisory lock,
/// so writes from any number of KMS processes are serialized exactly as SQLite's are and the audit chain stays linear.
/// </summary>
internal sealed class PostgresKmsStore : SqlKmsStore
{
    /// <summary>Advisory lock key shared by all QNet KMS writers.</summary>
    private const long WriteLockKey = 0x514E45544B4D53; // "QNETKMS"
    private readonly NpgsqlDataSource _dataSource;

    public PostgresKmsStore(string connectionString, MasterKey masterKey) : base(masterKey)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Description = DescribePostgres(connectionString);
    }

    protected override string Description { get; }

    /// <summary>"PostgreSQL database D on H:P", never the connection string itself (it may hold a password).</summary>
    internal static string DescribePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database {builder.Database ?? builder.Username} on {builder.Host}:{builder.Port}";
    }

    protected override string BlobType => "BYTEA";

    protected override string ColumnCountSql =>
        "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table AND column_name = @column";

    protected override async Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    // Each write has its own transaction, so a failed one undoes only itself: partialUndo needs no savepoint here.
    protected override async Task<T> WriteAsync<T>(bool partialUndo, Func<WriteScope, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        return await work(scope).ConfigureAwait(false);
    }

    private async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", connection, transaction))
            {
                command.Parameters.AddWithValue("k", WriteLockKey);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            return new WriteScope(connection, transaction,
                commit: async ct =>
                {
                    try { await transaction.CommitAsync(ct).ConfigureAwait(false); }
                    finally { await DisposeBothAsync(transaction, connection).ConfigureAwait(false); }
                },
                abandon: () => DisposeBothAsync(transaction, connection));
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async ValueTask DisposeBothAsync(DbTransaction transaction, DbConnection connection)
    {
        await transaction.DisposeAsync().ConfigureAwait(false); // rolls back unless committed
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
