namespace QNet.Kms.Storage;

/// <summary>
/// SQL about the store as a whole, shared by the store (which writes it) and <see cref="KmsStoreReader"/> (which only
/// reads it). Table <c>kms_meta</c> holds named facts about the store; today the master key's check value.
/// </summary>
internal static class KmsSchema
{
    /// <summary>Name of the master key check value in <c>kms_meta</c>.</summary>
    public const string MasterKeyCheckName = "master_key_check";

    public const string CreateMeta = "CREATE TABLE IF NOT EXISTS kms_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)";

    public const string SelectMasterKeyCheck = $"SELECT value FROM kms_meta WHERE name = '{MasterKeyCheckName}'";

    public const string InsertMasterKeyCheck = $"INSERT INTO kms_meta (name, value) VALUES ('{MasterKeyCheckName}', @value)";

    /// <summary>Tables whose rows each come with an audit entry (every change to them is audited in its transaction).</summary>
    public static readonly string[] AuditedTables = ["kms_sae", "kms_policy", "kms_block", "kms_key"];

    /// <summary>1 when any audited table or the audit trail has a row, else 0 (EXISTS: no full count on a large store).</summary>
    public static readonly string SelectHoldsRecords =
        "SELECT CASE WHEN " + string.Join(" OR ", AuditedTables.Append("kms_audit").Select(t => $"EXISTS (SELECT 1 FROM {t})")) + " THEN 1 ELSE 0 END";
}
