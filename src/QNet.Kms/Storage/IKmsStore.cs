using QNet.Kms.Audit;
using QNet.Kms.Domain;
using QNet.Kms.Supply;

namespace QNet.Kms.Storage;

/// <summary>
/// Durable state of the KMS. Every mutating call is one store transaction that also appends its audit entries, so a
/// crash at any moment leaves either the whole change with its audit trail, or none of it.
/// </summary>
public interface IKmsStore : IAsyncDisposable
{
    /// <summary>Creates the schema if absent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Registers (or re-attaches) an SAE to a KME.</summary>
    Task RegisterSaeAsync(SaeRegistration registration, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Finds an SAE by ID, or null.</summary>
    Task<SaeRegistration?> FindSaeAsync(string saeId, CancellationToken cancellationToken = default);

    /// <summary>All registered SAEs.</summary>
    Task<IReadOnlyList<SaeRegistration>> ListSaesAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the key policy of an unordered SAE pair.</summary>
    Task SetPolicyAsync(string saeA, string saeB, KeyPolicy policy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The policy of an unordered SAE pair, or null when none was set.</summary>
    Task<KeyPolicy?> FindPolicyAsync(string saeA, string saeB, CancellationToken cancellationToken = default);

    /// <summary>Stores one KME's copy of a block; compares copies when both are present (see <see cref="IKeyBlockSink"/>).</summary>
    Task<DepositOutcome> DepositAsync(string holderKmeId, KeyBlock block, long poolCapacityBytes, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Cuts and records keys for a master SAE in one transaction.</summary>
    Task<IssueResult> IssueAsync(IssuePlan plan, KeyDeriver derive, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Delivers keys to a slave SAE, all or nothing, each at most once.</summary>
    Task<RedeemResult> RedeemAsync(string callerSaeId, string masterSaeId, IReadOnlyList<Guid> keyIds, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Expires keys issued before <paramref name="issuedBefore"/> that some slave never fetched; returns how many.</summary>
    Task<int> ExpireAsync(DateTimeOffset issuedBefore, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Appends a standalone audit entry (refusals).</summary>
    Task AppendAuditAsync(AuditEvent auditEvent, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Number of whole keys of <paramref name="keyBytes"/> the holder KME can still cut from verified blocks of a pool.</summary>
    Task<long> AvailableKeysAsync(string pool, string holderKmeId, int keyBytes, CancellationToken cancellationToken = default);

    /// <summary>Available keys of <paramref name="keyBytes"/> per pool (counted on one holder's copies).</summary>
    Task<IReadOnlyList<(string Pool, long Keys)>> AvailableKeysByPoolAsync(int keyBytes, CancellationToken cancellationToken = default);

    /// <summary>The audit trail in sequence order.</summary>
    /// <summary>The sequence number of the audit trail's last entry (0 when empty).</summary>
    Task<long> AuditHeadSequenceAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(CancellationToken cancellationToken = default);

    /// <summary>Totals used to check the no-loss and exactly-once invariants.</summary>
    Task<KmsAccounting> AccountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Keys issued per (master SAE, slave SAE, origin) since the store began, and how many of them were issued at or
    /// after <paramref name="since"/> (the operator console's per-pair delivery rate and post-quantum share).
    /// </summary>
    Task<IReadOnlyList<SaePairKeys>> KeysBySaePairAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Quarantined blocks (the KMEs' copies differed) per pool, one copy counted; pools with none are left out.</summary>
    Task<IReadOnlyList<(string Pool, long Blocks)>> QuarantinedBlocksByPoolAsync(CancellationToken cancellationToken = default);
}

/// <summary>Keys one master SAE had issued for one slave SAE with one origin.</summary>
/// <param name="MasterSae">The SAE that called enc_keys.</param>
/// <param name="SlaveSae">The SAE entitled to the keys.</param>
/// <param name="Origin">qkd, hybrid or pqc (<see cref="Domain.KeyOrigin"/>).</param>
/// <param name="Keys">Keys issued since the store began (issued, completed and expired alike).</param>
/// <param name="KeysSince">Of those, the keys issued at or after the asked time.</param>
public sealed record SaePairKeys(string MasterSae, string SlaveSae, string Origin, long Keys, long KeysSince);

/// <summary>Makes the final key from QKD material (null when the pool had none and the policy allows that).</summary>
public delegate (byte[] Key, string Origin) KeyDeriver(byte[]? qkdMaterial, Guid keyId, int keyBytes);

/// <summary>A validated enc_keys request, resolved to KMEs.</summary>
public sealed record IssuePlan(
    string MasterSaeId,
    string MasterKmeId,
    string SlaveKmeId,
    IReadOnlyList<string> SlaveSaeIds,
    int Count,
    int KeyBytes,
    bool AllowWithoutQkd);

/// <summary>Issued keys, or null keys when the pool could not serve the whole request.</summary>
public sealed record IssueResult(IReadOnlyList<DeliveredKey>? Keys);

/// <summary>Outcome of a dec_keys transaction.</summary>
public enum RedeemStatus
{
    /// <summary>All keys delivered.</summary>
    Ok,

    /// <summary>At least one key is unknown for this master, expired, or already delivered to the caller.</summary>
    NotFound,

    /// <summary>The keys exist but the caller is not one of their slaves.</summary>
    Unauthorized,
}

/// <summary>Delivered keys (when <see cref="Status"/> is Ok) and the offending key IDs otherwise.</summary>
public sealed record RedeemResult(RedeemStatus Status, IReadOnlyList<DeliveredKey> Keys, IReadOnlyList<Guid> Offending);

/// <summary>
/// Store totals. Invariants: <see cref="InconsistentBlocks"/> = 0 (every block copy's consumed bytes equal the bytes
/// of the keys cut from it); <see cref="SlaveDeliveries"/> ≤ <see cref="SlaveEntitlements"/>.
/// </summary>
public sealed record KmsAccounting(
    long VerifiedBlockBytes,
    long ConsumedBytes,
    long Keys,
    long KeysIssued,
    long KeysCompleted,
    long KeysExpired,
    long SlaveEntitlements,
    long SlaveDeliveries,
    long InconsistentBlocks,
    long QuarantinedBlocks);
