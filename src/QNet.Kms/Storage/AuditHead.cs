namespace QNet.Kms.Storage;

/// <summary>
/// The last audit entry's sequence number and hash, remembered inside one write transaction so that appending an
/// entry does not re-read the chain's head. Only meaningful while the write lock is held.
/// </summary>
internal sealed class AuditHead
{
    /// <summary>True when <see cref="Sequence"/> and <see cref="Hash"/> are the chain's head in the current transaction.</summary>
    public bool Known { get; private set; }

    public long Sequence { get; private set; }

    public byte[] Hash { get; private set; } = [];

    public void Set(long sequence, byte[] hash)
    {
        Sequence = sequence;
        Hash = hash;
        Known = true;
    }

    /// <summary>Drops the remembered head (after a rollback, or when another writer may have appended).</summary>
    public void Forget()
    {
        Known = false;
        Hash = [];
    }
}
