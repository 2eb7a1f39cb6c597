namespace QNet.Kms.Audit;

/// <summary>
/// One line of the audit trail: who did what to which key or block, when, and with which outcome. Never key material.
/// <see cref="Hash"/> = HMAC-SHA256(audit key, <see cref="PreviousHash"/> ‖ canonical fields), so the entries form a chain.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Subject,
    string Outcome,
    string Detail,
    byte[] PreviousHash,
    byte[] Hash);

/// <summary>An audit event before it is chained (sequence and hashes are assigned by the store inside the transaction).</summary>
public sealed record AuditEvent(string Actor, string Action, string Subject, string Outcome, string Detail = "");

/// <summary>Action names written to the audit trail.</summary>
public static class AuditActions
{
    /// <summary>SAE registered to a KME.</summary>
    public const string SaeRegister = "sae.register";

    /// <summary>An existing SAE was re-issued (forced): its old certificate revoked, possibly moved to another KME.</summary>
    public const string SaeReplace = "sae.replace";

    /// <summary>Key block copy deposited.</summary>
    public const string BlockDeposit = "block.deposit";

    /// <summary>Key block copies disagreed: quarantined.</summary>
    public const string BlockQuarantine = "block.quarantine";

    /// <summary>Key issued to a master SAE (enc_keys).</summary>
    public const string KeyIssue = "key.issue";

    /// <summary>Key delivered to a slave SAE (dec_keys).</summary>
    public const string KeyDeliver = "key.deliver";

    /// <summary>Key expired before every slave fetched it.</summary>
    public const string KeyExpire = "key.expire";

    /// <summary>A request was refused.</summary>
    public const string Refuse = "request.refuse";

    /// <summary>A pair policy was set.</summary>
    public const string PolicySet = "policy.set";
}
