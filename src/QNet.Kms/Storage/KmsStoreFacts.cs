namespace QNet.Kms.Storage;

/// <summary>
/// What a key store holds, as <see cref="KmsStoreReader.ReadFactsAsync"/> found it. Every row of an audited table is
/// written with an audit entry in the same transaction, so rows without a trail mean the trail was removed.
/// </summary>
/// <param name="Tables">The KMS tables present.</param>
/// <param name="MasterKeyCheck">The recorded check value of the master key the store was created under (null: a store from before check values, or none).</param>
/// <param name="AuditedTablesWithRows">Audited tables (SAEs, policies, blocks, keys) that have at least one row.</param>
/// <param name="HasAuditEntries">True when the audit trail has at least one entry.</param>
public sealed record KmsStoreFacts(IReadOnlySet<string> Tables, string? MasterKeyCheck, IReadOnlyList<string> AuditedTablesWithRows, bool HasAuditEntries)
{
    /// <summary>True when the store's schema exists (a KMS created it).</summary>
    public bool HasSchema => Tables.Count > 0;

    /// <summary>True when the audit table exists.</summary>
    public bool HasAuditTable => Tables.Contains("kms_audit");

    /// <summary>True when the store holds anything its master key protects or identifies.</summary>
    public bool HoldsData => MasterKeyCheck is not null || AuditedTablesWithRows.Count > 0 || HasAuditEntries;
}
