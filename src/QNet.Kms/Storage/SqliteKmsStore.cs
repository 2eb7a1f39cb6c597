using System.Data.Common;
using Microsoft.Data.Sqlite;
using QNet.Kms.Crypto;

namespace QNet.Kms.Storage;

/// <summary>
/// SQLite store: WAL journal (readers never block the writer), one long-lived writer connection behind an in-process
/// gate (writers queue instead of spinning on SQLITE_BUSY), <c>synchronous=NORMAL</c> (a committed transaction
/// survives the process being killed; only an operating-system crash or power loss can drop the last ones).
/// </summary>
internal sealed class SqliteKmsStore : SqlKmsStore
{
    private readonly string connectionString;
    private readonly SemaphoreSlim gate = new(1, 1);
    private SqliteConnection? writer;

    public SqliteKmsStore(string path, MasterKey masterKey) : base(masterKey)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    protected override string BlobType => "BLOB";

    public override async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        writer = new SqliteConnection(connectionString);
        await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var pragma = writer.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await base.InitializeAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite retries SQLITE_BUSY itself until DefaultTimeout; WAL readers rarely meet it.
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    protected override async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = writer ?? throw new InvalidOperationException("store not initialized");
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // BEGIN IMMEDIATE: takes the database write lock now, so another process (e.g. `qnet pki issue-sae`) waits its turn.
            var transaction = connection.BeginTransaction(deferred: false);
            return new WriteScope(connection, transaction, ownsConnection: false, () => gate.Release());
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (writer is not null) await writer.DisposeAsync().ConfigureAwait(false);
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
