using System.Data.Common;
using QNet.Kms.Audit;
using QNet.Kms.Crypto;
using QNet.Kms.Domain;

namespace QNet.Kms.Storage;

/// <summary>
/// The store logic, written once in SQL that SQLite and PostgreSQL both accept. Subclasses supply connections and
/// the way write transactions are serialized (a group-commit queue for SQLite, an advisory lock for PostgreSQL);
/// serialized writes keep the audit chain linear and make every key cut exactly once.
/// </summary>
internal abstract partial class SqlKmsStore : IKmsStore
{
    private readonly AtRestCipher _cipher;
    private readonly AuditChain _chain;

    private readonly MasterKey _masterKey;

    protected SqlKmsStore(MasterKey masterKey)
    {
        _masterKey = masterKey;
        _cipher = new AtRestCipher(masterKey);
        _chain = new AuditChain(masterKey);
    }

    /// <summary>The store for messages ("SQLite /path/kms.db"), never a password.</summary>
    protected abstract string Description { get; }

    /// <summary>Column type for binary data.</summary>
    protected abstract string BlobType { get; }

    /// <summary>
    /// Appended to the key and entitlement tables' definitions. SQLite gives <c>WITHOUT ROWID</c>: the rows are then
    /// stored in their primary-key B-tree instead of beside a separate index of it, so each write touches one B-tree
    /// fewer.
    /// </summary>
    protected virtual string ClusteredTable => "";

    /// <summary>Type of the audit sequence column: SQLite's <c>INTEGER PRIMARY KEY</c> is the row id itself (no separate index).</summary>
    protected virtual string SequenceType => "BIGINT";

    /// <summary>SQL counting columns named <c>@column</c> in table <c>@table</c> (the schema-migration probe).</summary>
    protected abstract string ColumnCountSql { get; }

    /// <summary>Opens a connection for reads.</summary>
    protected abstract Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> as one serialized write transaction and returns its result once the write is
    /// durable. The work ends with <see cref="WriteScope.CommitAsync"/> (keep its writes),
    /// <see cref="WriteScope.LeaveUnchangedAsync"/> or an exception (undo them).
    /// </summary>
    /// <param name="partialUndo">True when the work may have to undo some of its own writes while keeping the
    /// transaction going (it returns a refusal after writing). Otherwise it either commits, leaves before writing or
    /// fails with an exception, and a store may then skip the per-write savepoint: an exception undoes every uncommitted
    /// write of the group-commit batch, none of which any caller has been told about yet.</param>
    protected abstract Task<T> WriteAsync<T>(bool partialUndo, Func<WriteScope, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>A write that never needs a partial undo (see <see cref="WriteAsync{T}(bool, Func{WriteScope, Task{T}}, CancellationToken)"/>).</summary>
    protected Task<T> WriteAsync<T>(Func<WriteScope, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(partialUndo: false, work, cancellationToken);

    /// <summary>A write without a result.</summary>
    protected Task WriteAsync(Func<WriteScope, Task> work, CancellationToken cancellationToken) =>
        WriteAsync(partialUndo: false, async scope =>
        {
            await work(scope).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public virtual async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var b = BlobType;
        string[] ddl =
        [
            "CREATE TABLE IF NOT EXISTS kms_sae (sae_id TEXT PRIMARY KEY, kme_id TEXT NOT NULL, registered_at BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS kms_policy (sae_a TEXT NOT NULL, sae_b TEXT NOT NULL, policy TEXT NOT NULL, PRIMARY KEY (sae_a, sae_b))",
            $"CREATE TABLE IF NOT EXISTS kms_block (block_id TEXT NOT NULL, holder_kme TEXT NOT NULL, peer_kme TEXT NOT NULL, pool TEXT NOT NULL, digest {b} NOT NULL, total_bytes BIGINT NOT NULL, consumed_bytes BIGINT NOT NULL, state TEXT NOT NULL, created_at BIGINT NOT NULL, qber DOUBLE PRECISION NOT NULL, security_parameter DOUBLE PRECISION NOT NULL, PRIMARY KEY (block_id, holder_kme))",
            // Block material lives apart from the block's bookkeeping row: every key cut updates consumed_bytes, and
            // SQLite rewrites a whole record (with its 64 KiB of overflow pages) on any update of it.
            $"CREATE TABLE IF NOT EXISTS kms_block_material (block_id TEXT NOT NULL, holder_kme TEXT NOT NULL, material {b} NOT NULL, PRIMARY KEY (block_id, holder_kme))",
            "CREATE INDEX IF NOT EXISTS ix_kms_block_pool ON kms_block (pool, holder_kme, state, created_at)",
            $"CREATE TABLE IF NOT EXISTS kms_key (key_id TEXT PRIMARY KEY, pool TEXT NOT NULL, master_sae TEXT NOT NULL, master_kme TEXT NOT NULL, slave_kme TEXT NOT NULL, size_bytes BIGINT NOT NULL, origin TEXT NOT NULL, material {b}, block_id TEXT, block_offset BIGINT, state TEXT NOT NULL, issued_at BIGINT NOT NULL, slave_count BIGINT NOT NULL, delivered_count BIGINT NOT NULL){ClusteredTable}",
            "CREATE INDEX IF NOT EXISTS ix_kms_key_state ON kms_key (state, issued_at)",
            $"CREATE TABLE IF NOT EXISTS kms_key_slave (key_id TEXT NOT NULL, sae_id TEXT NOT NULL, delivered_at BIGINT, PRIMARY KEY (key_id, sae_id)){ClusteredTable}",
            $"CREATE TABLE IF NOT EXISTS kms_audit (seq {SequenceType} PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL, prev_hash {b} NOT NULL, hash {b} NOT NULL)",
            KmsSchema.CreateMeta,
        ];
        await WriteAsync(async scope =>
        {
            foreach (var statement in ddl)
            {
                var command = scope.Command(statement);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await MigrateBlockMaterialAsync(scope, cancellationToken).ConfigureAwait(false);
            await CheckMasterKeyAsync(scope, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Inside the initializing transaction: a store records its master key's check value when it is created and then
    /// refuses any other key, so a wrong or replaced key fails here, at start, with nothing written (the exception
    /// undoes the transaction) instead of at the first key request. A store from before check values adopts the key
    /// only when its newest audit entry verifies under it.
    /// </summary>
    private async Task CheckMasterKeyAsync(WriteScope scope, CancellationToken cancellationToken)
    {
        var read = scope.Command(KmsSchema.SelectMasterKeyCheck);
        var recorded = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        if (recorded is not null)
        {
            if (recorded != _masterKey.CheckValue)
            {
                throw new MasterKeyException($"the master key from {_masterKey.Source} (id {_masterKey.Id}) is not the key of the store {Description} " +
                    $"(created under key id {recorded[..Math.Min(16, recorded.Length)]}); nothing was written. Give the key the store was created with " +
                    $"({MasterKey.EnvironmentVariable}, {MasterKey.FileEnvironmentVariable} or --master-key).");
            }

            return;
        }
        var holdsData = scope.Command(KmsSchema.SelectHoldsRecords);
        if (await holdsData.ScalarLongAsync(cancellationToken).ConfigureAwait(false) != 0 && !await NewestAuditEntryVerifiesAsync(scope, cancellationToken).ConfigureAwait(false))
        {
            throw new MasterKeyException($"the store {Description} holds data from before master-key check values, and its newest audit entry does not verify " +
                $"under the master key from {_masterKey.Source} (id {_masterKey.Id}): that is not the store's key; nothing was written.");
        }

        var record = scope.Command(KmsSchema.InsertMasterKeyCheck);
        await record.With("@value", _masterKey.CheckValue).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> NewestAuditEntryVerifiesAsync(WriteScope scope, CancellationToken cancellationToken)
    {
        var head = scope.Command("SELECT seq, at, actor, action, subject, outcome, detail, prev_hash, hash FROM kms_audit ORDER BY seq DESC LIMIT 1");
        await using var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var recomputed = _chain.HashOf(reader.Long(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.Long(1)), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.Bytes(7)!);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(recomputed, reader.Bytes(8)!);
    }

    /// <summary>
    /// Schema migration for stores created before block material had its own table: moves every block copy's material
    /// to <c>kms_block_material</c> and drops the old column, inside the initializing transaction (all or nothing).
    /// </summary>
    private async Task MigrateBlockMaterialAsync(WriteScope scope, CancellationToken cancellationToken)
    {
        var probe = scope.Command(ColumnCountSql);
        if (await probe.With("@table", "kms_block").With("@column", "material").ScalarLongAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return;
        }

        string[] steps =
        [
            "INSERT INTO kms_block_material (block_id, holder_kme, material) SELECT block_id, holder_kme, material FROM kms_block " +
            "WHERE material IS NOT NULL ON CONFLICT (block_id, holder_kme) DO NOTHING",
            "ALTER TABLE kms_block DROP COLUMN material",
        ];
        foreach (var step in steps)
        {
            var command = scope.Command(step);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RegisterSaeAsync(SaeRegistration registration, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await WriteAsync(async scope =>
        {
            var command = scope.Command(
                "INSERT INTO kms_sae (sae_id, kme_id, registered_at) VALUES (@sae, @kme, @at) ON CONFLICT (sae_id) DO UPDATE SET kme_id = excluded.kme_id");
            {
                await command.With("@sae", registration.SaeId).With("@kme", registration.KmeId).With("@at", at.ToUnixTimeMilliseconds())
                    .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await AppendAsync(scope, new AuditEvent("admin", AuditActions.SaeRegister, registration.SaeId, "ok", $"kme={registration.KmeId}"), at, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SaeRegistration?> FindSaeAsync(string saeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kme_id FROM kms_sae WHERE sae_id = @sae";
        var kme = await command.With("@sae", saeId).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return kme is null ? null : new SaeRegistration(saeId, kme);
    }

    public async Task<IReadOnlyList<SaeRegistration>> ListSaesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sae_id, kme_id FROM kms_sae ORDER BY sae_id";
        var list = new List<SaeRegistration>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new SaeRegistration(reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }

    public async Task SetPolicyAsync(string saeA, string saeB, KeyPolicy policy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var (a, b) = Ordered(saeA, saeB);
        await WriteAsync(async scope =>
        {
            var command = scope.Command(
                "INSERT INTO kms_policy (sae_a, sae_b, policy) VALUES (@a, @b, @p) ON CONFLICT (sae_a, sae_b) DO UPDATE SET policy = excluded.policy");
            {
                await command.With("@a", a).With("@b", b).With("@p", policy.ToName()).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await AppendAsync(scope, new AuditEvent("admin", AuditActions.PolicySet, $"{a}|{b}", "ok", policy.ToName()), at, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<KeyPolicy?> FindPolicyAsync(string saeA, string saeB, CancellationToken cancellationToken = default)
    {
        var (a, b) = Ordered(saeA, saeB);
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT policy FROM kms_policy WHERE sae_a = @a AND sae_b = @b";
        var text = await command.With("@a", a).With("@b", b).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return KeyPolicyNames.TryParse(text, out var policy) ? policy : null;
    }

    public async Task AppendAuditAsync(AuditEvent auditEvent, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await WriteAsync(async scope =>
        {
            await AppendAsync(scope, auditEvent, at, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> AuditHeadSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM kms_audit";
        return await command.ScalarLongAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        return await AuditRows.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends one chained audit entry inside <paramref name="scope"/>'s transaction.</summary>
    private async Task AppendAsync(WriteScope scope, AuditEvent e, DateTimeOffset at, CancellationToken cancellationToken)
    {
        long lastSeq = 0;
        var previous = AuditChain.Genesis;
        if (scope.AuditHead.Known)
        {
            lastSeq = scope.AuditHead.Sequence;
            previous = scope.AuditHead.Hash;
        }
        else
        {
            var head = scope.Command("SELECT seq, hash FROM kms_audit ORDER BY seq DESC LIMIT 1");
            await using var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lastSeq = reader.Long(0);
                previous = reader.Bytes(1)!;
            }
        }
        var seq = lastSeq + 1;
        var atMs = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        var hash = _chain.HashOf(seq, atMs, e.Actor, e.Action, e.Subject, e.Outcome, e.Detail, previous);
        var insert = scope.Command(
            "INSERT INTO kms_audit (seq, at, actor, action, subject, outcome, detail, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @subject, @outcome, @detail, @prev, @hash)");
        await insert.With("@seq", seq).With("@at", atMs.ToUnixTimeMilliseconds()).With("@actor", e.Actor).With("@action", e.Action)
            .With("@subject", e.Subject).With("@outcome", e.Outcome).With("@detail", e.Detail).With("@prev", previous).With("@hash", hash)
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        scope.AuditHead.Set(seq, hash);
    }

    private static (string A, string B) Ordered(string x, string y) => string.CompareOrdinal(x, y) <= 0 ? (x, y) : (y, x);

    public virtual ValueTask DisposeAsync()
    {
        _cipher.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
