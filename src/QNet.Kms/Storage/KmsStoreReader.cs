using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using QNet.Kms.Audit;
using QNet.Kms.Crypto;

namespace QNet.Kms.Storage;

/// <summary>
/// A read-only view of a key store, for questions asked before (or instead of) opening it for writing: does a store
/// exist here, which master key was it created under, what does its audit trail say. It never creates, migrates or
/// writes anything: SQLite is opened read-only (and not at all when the file is missing), PostgreSQL in read-only
/// transactions. SQLite may create its empty <c>-wal</c>/<c>-shm</c> companions beside an existing database, as any
/// reader of a WAL database does.
/// </summary>
public sealed class KmsStoreReader : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly bool _postgres;

    private KmsStoreReader(DbConnection connection, bool postgres, string description)
    {
        _connection = connection;
        _postgres = postgres;
        Description = description;
    }

    /// <summary>The store for messages ("SQLite /path/kms.db", "PostgreSQL database D on H:P"), never a password.</summary>
    public string Description { get; }

    /// <summary>Opens <paramref name="location"/> read-only; null when it is a SQLite path with no file.</summary>
    public static async Task<KmsStoreReader?> OpenAsync(string location, CancellationToken cancellationToken = default)
    {
        DbConnection connection;
        string description;
        var isPostgres = KmsStoreFactory.IsPostgres(location);
        if (isPostgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(location) { Pooling = false };
            builder.Options = string.Join(' ', new[] { builder.Options, "-c default_transaction_read_only=on" }.Where(o => !string.IsNullOrWhiteSpace(o)));
            connection = new NpgsqlConnection(builder.ConnectionString);
            description = PostgresKmsStore.DescribePostgres(location);
        }
        else
        {
            if (!File.Exists(location))
            {
                return null;
            }

            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = location, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            description = "SQLite " + Path.GetFullPath(location);
        }
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new KmsStoreReader(connection, isPostgres, description);
    }

    /// <summary>
    /// True when a store at <paramref name="location"/> holds anything (a recorded master key, records or audit
    /// entries), so its master key must already exist and must not be created anew.
    /// </summary>
    public static async Task<bool> HoldsDataAsync(string location, CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenAsync(location, cancellationToken).ConfigureAwait(false);
        return reader is not null && (await reader.ReadFactsAsync(cancellationToken).ConfigureAwait(false)).HoldsData;
    }

    /// <summary>What the store holds, read without writing.</summary>
    public async Task<KmsStoreFacts> ReadFactsAsync(CancellationToken cancellationToken = default)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in KmsSchema.AuditedTables.Concat(["kms_audit", "kms_meta"]))
        {
            if (await ScalarLongAsync(TableExistsSql, cancellationToken, ("@table", table)).ConfigureAwait(false) > 0)
            {
                tables.Add(table);
            }
        }
        string? check = null;
        if (tables.Contains("kms_meta"))
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = KmsSchema.SelectMasterKeyCheck;
            check = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
        var withRows = new List<string>();
        foreach (var table in KmsSchema.AuditedTables.Where(tables.Contains))
        {
            if (await ScalarLongAsync($"SELECT CASE WHEN EXISTS (SELECT 1 FROM {table}) THEN 1 ELSE 0 END", cancellationToken).ConfigureAwait(false) != 0)
            {
                withRows.Add(table);
            }
        }
        var auditEntries = tables.Contains("kms_audit")
            && await ScalarLongAsync("SELECT CASE WHEN EXISTS (SELECT 1 FROM kms_audit) THEN 1 ELSE 0 END", cancellationToken).ConfigureAwait(false) != 0;
        return new KmsStoreFacts(tables, check, withRows, auditEntries);
    }

    /// <summary>The audit trail in sequence order (empty when the store has no audit table).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(CancellationToken cancellationToken = default) =>
        await ScalarLongAsync(TableExistsSql, cancellationToken, ("@table", "kms_audit")).ConfigureAwait(false) == 0
            ? []
            : await AuditRows.ReadAsync(_connection, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Verifies the store's audit trail under <paramref name="masterKey"/>: first that the key is the store's (its
    /// recorded check value), then that the trail is there wherever the store's own records need one, then the chain.
    /// </summary>
    public async Task<AuditVerification> VerifyAuditAsync(MasterKey masterKey, AuditCheckpoint? checkpoint = null, CancellationToken cancellationToken = default)
    {
        var facts = await ReadFactsAsync(cancellationToken).ConfigureAwait(false);
        if (!facts.HoldsData && !facts.HasAuditTable)
        {
            return AuditVerification.NoStore($"{Description} holds no key store");
        }

        if (facts.MasterKeyCheck is { } recorded && recorded != masterKey.CheckValue)
        {
            return AuditVerification.WrongKey($"the master key from {masterKey.Source} (id {masterKey.Id}) is not this store's key (the store was created under key id " +
                $"{recorded[..Math.Min(16, recorded.Length)]}); the trail cannot be checked with it");
        }

        if (!facts.HasAuditTable)
        {
            return AuditVerification.Missing($"the store has no audit table (kms_audit) although it {WhatItHolds(facts)}: the audit trail was removed");
        }

        var entries = await AuditRows.ReadAsync(_connection, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0 && facts.AuditedTablesWithRows.Count > 0)
        {
            return AuditVerification.Missing($"the audit trail is empty although the store holds rows in {string.Join(", ", facts.AuditedTablesWithRows)}, " +
                "each written with an audit entry: the trail was emptied");
        }

        var result = AuditVerifier.Verify(entries, masterKey, checkpoint);
        // A store from before check values cannot tell a wrong key from an edited first entry; say both.
        if (facts.MasterKeyCheck is null && result.FirstBadSequence == 1 && result.Problem is { } problem && problem.Contains("edited", StringComparison.Ordinal))
        {
            return result with { Problem = $"{problem}, or the master key from {masterKey.Source} is not this store's (the store records no key check value)" };
        }

        return result;
    }

    private static string WhatItHolds(KmsStoreFacts facts) =>
        facts.AuditedTablesWithRows.Count > 0 ? $"holds rows in {string.Join(", ", facts.AuditedTablesWithRows)}" : "records the master key it was created under";

    private string TableExistsSql => _postgres
        ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table"
        : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table";

    private async Task<long> ScalarLongAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        return await command.ScalarLongAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
