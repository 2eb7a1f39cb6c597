using System.Security.Cryptography;
using System.Text;
using QNet.Kms.Crypto;

namespace QNet.Kms.Audit;

/// <summary>Computes the chained HMAC of audit entries under a key derived from the master key.</summary>
internal sealed class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly byte[] Genesis = new byte[32];

    private readonly byte[] _key;

    public AuditChain(MasterKey master) => _key = master.Derive("audit-chain");

    public byte[] HashOf(long sequence, DateTimeOffset at, string actor, string action, string subject, string outcome, string detail, ReadOnlySpan<byte> previousHash)
    {
        var canonical = Encoding.UTF8.GetBytes(string.Join('\n',
            sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            Escape(actor), Escape(action), Escape(subject), Escape(outcome), Escape(detail)));
        var input = new byte[previousHash.Length + canonical.Length];
        previousHash.CopyTo(input);
        canonical.CopyTo(input, previousHash.Length);
        return HMACSHA256.HashData(_key, input);
    }

    private static string Escape(string field) => field.Replace("\\", "\\\\").Replace("\n", "\\n");
}
