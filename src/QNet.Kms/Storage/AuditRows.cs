using System.Data.Common;
using QNet.Kms.Audit;

namespace QNet.Kms.Storage;

/// <summary>Reads the audit table; the one query both the store and the read-only <see cref="KmsStoreReader"/> use.</summary>
internal static class AuditRows
{
    public static async Task<IReadOnlyList<AuditEntry>> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, actor, action, subject, outcome, detail, prev_hash, hash FROM kms_audit ORDER BY seq";
        var list = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new AuditEntry(reader.Long(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.Long(1)), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.Bytes(7)!, reader.Bytes(8)!));
        }
        return list;
    }
}
