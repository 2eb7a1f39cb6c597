using System.Globalization;

namespace QNet.Kms.Audit;

/// <summary>An audit entry recorded outside the store: its sequence number and hash, written <c>SEQ:HASH</c> (hex).</summary>
public sealed record AuditCheckpoint
{
    /// <summary>Creates a checkpoint; the sequence starts at 1 and the hash is a SHA-256-sized value.</summary>
    public AuditCheckpoint(long sequence, byte[] hash)
    {
        if (sequence < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "sequence: audit entries are numbered from 1");
        }

        if (hash.Length != 32)
        {
            throw new ArgumentException($"hash: expected 32 bytes, got {hash.Length}", nameof(hash));
        }

        Sequence = sequence;
        Hash = hash;
    }

    /// <summary>The entry's sequence number.</summary>
    public long Sequence { get; }

    /// <summary>The entry's chain hash.</summary>
    public byte[] Hash { get; }

    /// <summary>Parses <c>SEQ:HASH</c>; the error names what is wrong.</summary>
    public static bool TryParse(string? text, out AuditCheckpoint? checkpoint, out string? error)
    {
        checkpoint = null;
        error = null;
        var parts = (text ?? "").Split(':');
        if (parts.Length != 2) { error = "expected SEQ:HASH, e.g. 1042:9f86d0…"; return false; }
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            error = $"SEQ '{parts[0]}' is not a positive whole number";
            return false;
        }
        byte[] hash;
        try { hash = Convert.FromHexString(parts[1]); }
        catch (FormatException) { error = $"HASH '{parts[1]}' is not hexadecimal"; return false; }
        if (hash.Length != 32) { error = $"HASH has {hash.Length} bytes, expected 32 (64 hex digits)"; return false; }
        checkpoint = new AuditCheckpoint(sequence, hash);
        return true;
    }
}
