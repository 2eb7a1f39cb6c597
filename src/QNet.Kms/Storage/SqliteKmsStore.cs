using System.Data.Common;
using Microsoft.Data.Sqlite;
using QNet.Kms.Crypto;

namespace QNet.Kms.Storage;

/// <summary>
/// SQLite store: WAL journal (readers never block the writer), one long-lived writer connection, and group commit by a
/// leader (<see cref="SqliteGroupCommit"/>): writers queue their work, one of them runs the queue in one transaction
/// and commits once, and each writer gets its result only after that commit, so no caller ever sees a result that a
/// crash could undo. <c>synchronous=NORMAL</c>: a committed transaction survives the process being killed; only an
/// operating-system crash or power loss can drop the last ones.
/// </summary>
internal sealed class SqliteKmsStore : SqlKmsStore
{
    private readonly string _connectionString;
    private SqliteConnection? _writer;
    private SqliteGroupCommit? _writes;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _checkpointer;

    public SqliteKmsStore(string path, MasterKey masterKey) : base(masterKey)
    {
        PrivateFiles.CreateFile(path);
        Description = "SQLite " + Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    protected override string BlobType => "BLOB";

    protected override string Description { get; }

    protected override string ClusteredTable => " WITHOUT ROWID";

    protected override string SequenceType => "INTEGER";

    protected override string ColumnCountSql => "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column";

    public override async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        _writer = new SqliteConnection(_connectionString);
        await _writer.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var pragma = _writer.CreateCommand())
        {
            // The writer never checkpoints: a checkpoint copies WAL pages into the database and fsyncs, which inside the
            // writer's turn would stall every queued request. CheckpointLoopAsync does it beside the writer instead.
            pragma.CommandText = "PRAGMA page_size=1024; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA wal_autocheckpoint=0;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        _writes = new SqliteGroupCommit(_writer);
        await base.InitializeAsync(cancellationToken).ConfigureAwait(false);
        _checkpointer = Task.Run(() => CheckpointLoopAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// Checkpoints the WAL from its own connection every <see cref="CheckpointInterval"/>. PASSIVE mode never blocks
    /// the writer or readers; once a checkpoint has caught up, the next write transaction restarts the WAL from its
    /// start, so the file stays bounded. A final TRUNCATE checkpoint runs at dispose.
    /// </summary>
    private async Task CheckpointLoopAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
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
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    protected override Task<T> WriteAsync<T>(bool partialUndo, Func<WriteScope, Task<T>> work, CancellationToken cancellationToken) =>
        (_writes ?? throw new InvalidOperationException("store not initialized")).RunAsync(partialUndo, work, cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_checkpointer is not null)
        {
            await _checkpointer.ConfigureAwait(false);
        }

        _stopping.Dispose();
        // Runs every write still queued, then refuses new ones.
        if (_writes is not null)
        {
            await _writes.DisposeAsync().ConfigureAwait(false);
        }

        if (_writer is not null)
        {
            await using (var truncate = _writer.CreateCommand())
            {
                truncate.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                try { await truncate.ExecuteNonQueryAsync().ConfigureAwait(false); }
                catch (SqliteException) { } // busy with another process: the WAL stays for the next start, nothing is lost
            }
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        _writer = null;
        SqliteConnection.ClearAllPools();
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
