using System.Security.Cryptography;
using QNet.Kms.Audit;
using QNet.Kms.Domain;
using QNet.Kms.Supply;

namespace QNet.Kms.Storage;

internal abstract partial class SqlKmsStore
{
    /// <summary>Block states: waiting for the peer copy, usable, copies disagreed (plus 'exhausted': fully cut, see IssueAsync).</summary>
    private const string Pending = "pending";
    private const string Verified = "verified";
    private const string Quarantined = "quarantined";

    public async Task<DepositOutcome> DepositAsync(string holderKmeId, KeyBlock block, long poolCapacityBytes, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (holderKmeId != block.SourceKmeId && holderKmeId != block.TargetKmeId)
        {
            throw new ArgumentException($"KME '{holderKmeId}' is not an end of block {block.BlockId}", nameof(holderKmeId));
        }

        var peerKme = holderKmeId == block.SourceKmeId ? block.TargetKmeId : block.SourceKmeId;
        var pool = Identifier.PoolName(holderKmeId, peerKme);
        var blockId = block.BlockId.ToString("D");
        var digest = SHA256.HashData(block.Material);

        return await WriteAsync(async scope =>
        {
            byte[]? peerDigest = null;
            var peerExists = false;
            var find = scope.Command("SELECT holder_kme, digest FROM kms_block WHERE block_id = @id");
            await using (var reader = await find.With("@id", blockId).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (reader.GetString(0) == holderKmeId)
                    {
                        await reader.DisposeAsync().ConfigureAwait(false);
                        await scope.LeaveUnchangedAsync().ConfigureAwait(false);
                        return DepositOutcome.Duplicate;
                    }
                    peerExists = true;
                    peerDigest = reader.Bytes(1);
                }
            }

            if (!peerExists)
            {
                var available = scope.Command(
                    "SELECT COALESCE(SUM(total_bytes - consumed_bytes), 0) FROM kms_block WHERE pool = @pool AND holder_kme = @holder AND state IN ('pending', 'verified')");
                var stored = await available.With("@pool", pool).With("@holder", holderKmeId).ScalarLongAsync(cancellationToken).ConfigureAwait(false);
                if (stored + block.Material.Length > poolCapacityBytes)
                {
                    await scope.LeaveUnchangedAsync().ConfigureAwait(false);
                    return DepositOutcome.PoolFull;
                }
            }

            var outcome = !peerExists ? DepositOutcome.AwaitingPeer
                : CryptographicOperations.FixedTimeEquals(peerDigest, digest) ? DepositOutcome.Verified : DepositOutcome.Quarantined;
            var state = outcome switch { DepositOutcome.Verified => Verified, DepositOutcome.Quarantined => Quarantined, _ => Pending };

            var insert = scope.Command(
                "INSERT INTO kms_block (block_id, holder_kme, peer_kme, pool, digest, total_bytes, consumed_bytes, state, created_at, qber, security_parameter) " +
                "VALUES (@id, @holder, @peer, @pool, @digest, @total, 0, @state, @created, @qber, @eps)");
            {
                await insert.With("@id", blockId).With("@holder", holderKmeId).With("@peer", peerKme).With("@pool", pool).With("@digest", digest)
                    .With("@total", (long)block.Material.Length).With("@state", state).With("@created", block.CreatedAt.ToUnixTimeMilliseconds())
                    .With("@qber", block.Qber).With("@eps", block.SecurityParameter).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            var keep = scope.Command("INSERT INTO kms_block_material (block_id, holder_kme, material) VALUES (@id, @holder, @material)");
            {
                await keep.With("@id", blockId).With("@holder", holderKmeId).With("@material", _cipher.Seal(block.Material, $"block:{blockId}:{holderKmeId}"))
                    .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            if (peerExists)
            {
                var update = scope.Command("UPDATE kms_block SET state = @state WHERE block_id = @id");
                await update.With("@state", state).With("@id", blockId).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var detail = $"pool={pool} bits={block.Bits} qber={block.Qber.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}";
            await AppendAsync(scope, new AuditEvent($"kme:{holderKmeId}", AuditActions.BlockDeposit, blockId, outcome.ToString(), detail), at, cancellationToken).ConfigureAwait(false);
            if (outcome == DepositOutcome.Quarantined)
            {
                await AppendAsync(scope, new AuditEvent($"kme:{holderKmeId}", AuditActions.BlockQuarantine, blockId, "quarantined",
                    $"pool={pool} copies differ by SHA-256; never delivered"), at, cancellationToken).ConfigureAwait(false);
            }
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return outcome;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> AvailableKeysAsync(string pool, string holderKmeId, int keyBytes, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM((total_bytes - consumed_bytes) / @kb), 0) FROM kms_block WHERE pool = @pool AND holder_kme = @holder AND state = 'verified'";
        return await command.With("@kb", (long)keyBytes).With("@pool", pool).With("@holder", holderKmeId).ScalarLongAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(string Pool, long Keys)>> AvailableKeysByPoolAsync(int keyBytes, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // Both copies of a verified block are cut together, so counting the copies held by the pool's first KME suffices.
        command.CommandText = "SELECT pool, COALESCE(SUM((total_bytes - consumed_bytes) / @kb), 0) FROM kms_block " +
            "WHERE state = 'verified' AND pool = holder_kme || '|' || peer_kme GROUP BY pool ORDER BY pool";
        command.With("@kb", (long)keyBytes);
        var list = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add((reader.GetString(0), reader.Long(1)));
        }

        return list;
    }

    public async Task<IReadOnlyList<(string Pool, long Blocks)>> QuarantinedBlocksByPoolAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // Both copies of a mismatched block are quarantined; the copy held by the pool's first KME counts it once.
        command.CommandText = $"SELECT pool, COUNT(*) FROM kms_block WHERE state = '{Quarantined}' AND pool = holder_kme || '|' || peer_kme GROUP BY pool ORDER BY pool";
        var list = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add((reader.GetString(0), reader.Long(1)));
        }

        return list;
    }
}
