namespace QNet.Kms.Audit;

/// <summary>What a verification concluded.</summary>
public enum AuditVerdict
{
    /// <summary>The trail is complete and unaltered as far as the chain (and any checkpoint) can show.</summary>
    Intact,

    /// <summary>The trail was edited, cut, reordered, emptied or removed.</summary>
    Broken,

    /// <summary>There is no key store to verify.</summary>
    NoStore,

    /// <summary>The master key given is not the one the store was created under, so the trail cannot be checked with it.</summary>
    WrongKey,
}

/// <summary>
/// Result of <see cref="AuditVerifier.Verify"/> or <see cref="Storage.KmsStoreReader.VerifyAuditAsync"/>.
/// <see cref="HeadHash"/> is the last hash: record <see cref="Checkpoint"/> elsewhere to detect later truncation of
/// the tail, which a chain alone cannot reveal.
/// </summary>
public sealed record AuditVerification(AuditVerdict Verdict, long VerifiedEntries, long? FirstBadSequence, string? Problem, string? HeadHash)
{
    /// <summary>True when <see cref="Verdict"/> is <see cref="AuditVerdict.Intact"/>.</summary>
    public bool IsIntact => Verdict == AuditVerdict.Intact;

    internal static AuditVerification Broken(long verified, long sequence, string problem) => new(AuditVerdict.Broken, verified, sequence, problem, null);

    /// <summary>The store's records require a trail that is not there (no table, or no entries).</summary>
    internal static AuditVerification Missing(string problem) => new(AuditVerdict.Broken, 0, 1, problem, null);

    /// <summary>There is no store to verify (<paramref name="problem"/> says where none was found).</summary>
    public static AuditVerification NoStore(string problem) => new(AuditVerdict.NoStore, 0, null, problem, null);

    internal static AuditVerification WrongKey(string problem) => new(AuditVerdict.WrongKey, 0, null, problem, null);

    /// <summary>The head as a checkpoint text <c>SEQ:HASH</c> (null when broken or empty).</summary>
    public string? Checkpoint => IsIntact && VerifiedEntries > 0 ? $"{VerifiedEntries}:{HeadHash}" : null;
}
