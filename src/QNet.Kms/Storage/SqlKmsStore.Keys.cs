using QNet.Kms.Audit;
using QNet.Kms.Domain;

namespace QNet.Kms.Storage;

internal abstract partial class SqlKmsStore
{
    /// <summary>Key states: issued to the master and awaiting slaves; fetched by every slave (material wiped); expired (material wiped).</summary>
    private const string Issued = "issued";
    private const string Completed = "completed";
    private const string Expired = "expired";
    private const int BlockCacheCapacity = 16;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _blockCache = new(StringComparer.Ordinal);

    public async Task<IssueResult> IssueAsync(IssuePlan plan, KeyDeriver derive, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var pool = Identifier.PoolName(plan.MasterKmeId, plan.SlaveKmeId);
        var keys = new List<DeliveredKey>(plan.Count);
        var slaves = string.Join(',', plan.SlaveSaeIds);
        var atMs = at.ToUnixTimeMilliseconds();

        // Several keys: a refusal after cutting some must undo those cuts and nothing else.
        return await WriteAsync(plan.Count > 1, async scope =>
        {
            for (var i = 0; i < plan.Count; i++)
            {
                // UUIDv7 (RFC 9562): time-ordered, so new keys append at the right edge of the key and entitlement indexes
                // instead of dirtying a random B-tree page each; a key ID is not secret, and its issue time is audited anyway.
                var keyId = Guid.CreateVersion7(at);
                string? blockId = null;
                long offset = 0;
                byte[]? qkd = null;
                var find = scope.Command(
                    "SELECT block_id, consumed_bytes FROM kms_block WHERE pool = @pool AND holder_kme = @holder AND state = 'verified' " +
                    "AND total_bytes - consumed_bytes >= @need ORDER BY created_at, block_id LIMIT 1");
                await using (var reader = await find.With("@pool", pool).With("@holder", plan.MasterKmeId).With("@need", (long)plan.KeyBytes)
                    .ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        blockId = reader.GetString(0);
                        offset = reader.Long(1);
                    }
                }
                if (blockId is not null)
                {
                    var plain = await BlockPlaintextAsync(scope, blockId, plan.MasterKmeId, cancellationToken).ConfigureAwait(false);
                    qkd = plain.AsSpan((int)offset, plan.KeyBytes).ToArray();
                }

                if (blockId is null && !plan.AllowWithoutQkd)
                {
                    await scope.LeaveUnchangedAsync().ConfigureAwait(false);
                    return new IssueResult(null);
                }
                if (blockId is not null)
                {
                    // Both verified copies are cut at the same offset, so the peer KME serves the same bytes.
                    // A block cut to its last byte leaves the 'verified' index range, so later requests do not scan it.
                    var consume = scope.Command(
                        "UPDATE kms_block SET consumed_bytes = consumed_bytes + @need, " +
                        "state = CASE WHEN consumed_bytes + @need >= total_bytes THEN 'exhausted' ELSE state END WHERE block_id = @id");
                    await consume.With("@need", (long)plan.KeyBytes).With("@id", blockId).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var (key, origin) = derive(qkd, keyId, plan.KeyBytes);
                var id = keyId.ToString("D");
                var insert = scope.Command(
                    "INSERT INTO kms_key (key_id, pool, master_sae, master_kme, slave_kme, size_bytes, origin, material, block_id, block_offset, state, issued_at, slave_count, delivered_count) " +
                    "VALUES (@id, @pool, @master, @mkme, @skme, @size, @origin, @material, @block, @offset, @state, @at, @slaves, 0)");
                {
                    await insert.With("@id", id).With("@pool", pool).With("@master", plan.MasterSaeId).With("@mkme", plan.MasterKmeId)
                        .With("@skme", plan.SlaveKmeId).With("@size", (long)plan.KeyBytes).With("@origin", origin).With("@material", _cipher.Seal(key, $"key:{id}"))
                        .With("@block", blockId).With("@offset", blockId is null ? null : offset).With("@state", Issued).With("@at", atMs)
                        .With("@slaves", (long)plan.SlaveSaeIds.Count).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                foreach (var slave in plan.SlaveSaeIds)
                {
                    var entitle = scope.Command("INSERT INTO kms_key_slave (key_id, sae_id, delivered_at) VALUES (@id, @sae, NULL)");
                    await entitle.With("@id", id).With("@sae", slave).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await AppendAsync(scope, new AuditEvent($"sae:{plan.MasterSaeId}", AuditActions.KeyIssue, id, "ok",
                    $"pool={pool} slaves={slaves} bits={plan.KeyBytes * 8} origin={origin}"), at, cancellationToken).ConfigureAwait(false);
                keys.Add(new DeliveredKey(keyId, key, origin));
            }
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new IssueResult(keys);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A verified block's plaintext, decrypted once and kept in a small cache: block material never changes, and the
    /// same block serves hundreds of consecutive key requests.
    /// </summary>
    private async Task<byte[]> BlockPlaintextAsync(WriteScope scope, string blockId, string holderKmeId, CancellationToken cancellationToken)
    {
        var cacheKey = $"{blockId}:{holderKmeId}";
        if (_blockCache.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var load = scope.Command("SELECT material FROM kms_block_material WHERE block_id = @id AND holder_kme = @holder");
        var sealedBlock = await load.With("@id", blockId).With("@holder", holderKmeId).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[]
            ?? throw new InvalidOperationException($"block {blockId} has no copy at {holderKmeId}");
        var plain = _cipher.Open(sealedBlock, $"block:{blockId}:{holderKmeId}");
        if (_blockCache.Count >= BlockCacheCapacity)
        {
            // Only touched inside serialized write transactions, so no other request is reading these arrays.
            foreach (var evicted in _blockCache.Values)
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(evicted);
            }

            _blockCache.Clear();
        }
        _blockCache[cacheKey] = plain;
        return plain;
    }

    public async Task<RedeemResult> RedeemAsync(string callerSaeId, string masterSaeId, IReadOnlyList<Guid> keyIds, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var notFound = new List<Guid>();
        var unauthorized = new List<Guid>();
        var found = new List<(Guid Id, byte[] Sealed, string Origin)>();

        return await WriteAsync(async scope =>
        {
            foreach (var keyId in keyIds)
            {
                var find = scope.Command(
                    "SELECT k.master_sae, k.state, k.material, k.origin, s.sae_id, s.delivered_at FROM kms_key k " +
                    "LEFT JOIN kms_key_slave s ON s.key_id = k.key_id AND s.sae_id = @caller WHERE k.key_id = @id");
                await using var reader = await find.With("@caller", callerSaeId).With("@id", keyId.ToString("D")).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.GetString(0) != masterSaeId)
                {
                    notFound.Add(keyId);
                }
                else if (reader.IsDBNull(4))
                {
                    unauthorized.Add(keyId);
                }
                else if (reader.GetString(1) != Issued || !reader.IsDBNull(5))
                {
                    notFound.Add(keyId);
                }
                else
                {
                    found.Add((keyId, reader.Bytes(2)!, reader.GetString(3)));
                }
            }
            if (unauthorized.Count > 0 || notFound.Count > 0)
            {
                await scope.LeaveUnchangedAsync().ConfigureAwait(false);
                return unauthorized.Count > 0 ? new RedeemResult(RedeemStatus.Unauthorized, [], unauthorized) : new RedeemResult(RedeemStatus.NotFound, [], notFound);
            }

            var atMs = at.ToUnixTimeMilliseconds();
            var delivered = new List<DeliveredKey>(found.Count);
            foreach (var (keyId, sealedKey, origin) in found)
            {
                var id = keyId.ToString("D");
                var material = _cipher.Open(sealedKey, $"key:{id}");
                var mark = scope.Command("UPDATE kms_key_slave SET delivered_at = @at WHERE key_id = @id AND sae_id = @caller AND delivered_at IS NULL");
                {
                    var rows = await mark.With("@at", atMs).With("@id", id).With("@caller", callerSaeId).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    if (rows != 1)
                    {
                        throw new InvalidOperationException($"key {id} was delivered to {callerSaeId} concurrently; writes are not serialized");
                    }
                }
                var count = scope.Command(
                    "UPDATE kms_key SET delivered_count = delivered_count + 1, " +
                    "state = CASE WHEN delivered_count + 1 >= slave_count THEN 'completed' ELSE state END, " +
                    "material = CASE WHEN delivered_count + 1 >= slave_count THEN NULL ELSE material END WHERE key_id = @id");
                {
                    await count.With("@id", id).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await AppendAsync(scope, new AuditEvent($"sae:{callerSaeId}", AuditActions.KeyDeliver, id, "ok", $"master={masterSaeId}"), at, cancellationToken).ConfigureAwait(false);
                delivered.Add(new DeliveredKey(keyId, material, origin));
            }
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new RedeemResult(RedeemStatus.Ok, delivered, []);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ExpireAsync(DateTimeOffset issuedBefore, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        return await WriteAsync(async scope =>
        {
            var expired = new List<(string Id, string Master)>();
            var find = scope.Command("SELECT key_id, master_sae FROM kms_key WHERE state = 'issued' AND issued_at < @cutoff ORDER BY issued_at, key_id");
            await using (var reader = await find.With("@cutoff", issuedBefore.ToUnixTimeMilliseconds()).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    expired.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
            foreach (var (id, master) in expired)
            {
                var update = scope.Command("UPDATE kms_key SET state = 'expired', material = NULL WHERE key_id = @id");
                await update.With("@id", id).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await AppendAsync(scope, new AuditEvent("kms", AuditActions.KeyExpire, id, "expired", $"master={master} not fetched by every slave in time"), at, cancellationToken).ConfigureAwait(false);
            }
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return expired.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SaePairKeys>> KeysBySaePairAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT k.master_sae, s.sae_id, k.origin, COUNT(*), COALESCE(SUM(CASE WHEN k.issued_at >= @since THEN 1 ELSE 0 END), 0) " +
            "FROM kms_key k JOIN kms_key_slave s ON s.key_id = k.key_id GROUP BY k.master_sae, s.sae_id, k.origin ORDER BY k.master_sae, s.sae_id, k.origin";
        command.With("@since", since.ToUnixTimeMilliseconds());
        var list = new List<SaePairKeys>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new SaePairKeys(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.Long(3), reader.Long(4)));
        }

        return list;
    }

    public async Task<KmsAccounting> AccountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        async Task<long> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ScalarLongAsync(cancellationToken).ConfigureAwait(false);
        }
        const string OneCopy = "state IN ('verified', 'exhausted') AND pool = holder_kme || '|' || peer_kme";
        return new KmsAccounting(
            VerifiedBlockBytes: await Scalar($"SELECT COALESCE(SUM(total_bytes), 0) FROM kms_block WHERE {OneCopy}").ConfigureAwait(false),
            ConsumedBytes: await Scalar($"SELECT COALESCE(SUM(consumed_bytes), 0) FROM kms_block WHERE {OneCopy}").ConfigureAwait(false),
            Keys: await Scalar("SELECT COUNT(*) FROM kms_key").ConfigureAwait(false),
            KeysIssued: await Scalar($"SELECT COUNT(*) FROM kms_key WHERE state = '{Issued}'").ConfigureAwait(false),
            KeysCompleted: await Scalar($"SELECT COUNT(*) FROM kms_key WHERE state = '{Completed}'").ConfigureAwait(false),
            KeysExpired: await Scalar($"SELECT COUNT(*) FROM kms_key WHERE state = '{Expired}'").ConfigureAwait(false),
            SlaveEntitlements: await Scalar("SELECT COUNT(*) FROM kms_key_slave").ConfigureAwait(false),
            SlaveDeliveries: await Scalar("SELECT COUNT(*) FROM kms_key_slave WHERE delivered_at IS NOT NULL").ConfigureAwait(false),
            InconsistentBlocks: await Scalar(
                "SELECT COUNT(*) FROM kms_block b WHERE b.consumed_bytes <> COALESCE((SELECT SUM(k.size_bytes) FROM kms_key k WHERE k.block_id = b.block_id), 0)").ConfigureAwait(false),
            QuarantinedBlocks: await Scalar("SELECT COUNT(*) FROM kms_block WHERE state = 'quarantined' AND pool = holder_kme || '|' || peer_kme").ConfigureAwait(false));
    }
}
