namespace QNet.Kms.Supply;

/// <summary>
/// One KME's copy of a block of secret key distilled by a QKD link (or by a development supplier). The peer KME
/// receives its own copy with the same <see cref="BlockId"/>; the copies are compared by hash before any key is cut.
/// </summary>
public sealed record KeyBlock
{
    /// <summary>Identifier shared by both copies of the block.</summary>
    public Guid BlockId { get; }

    /// <summary>One end of the link (the KME that started the QKD session).</summary>
    public string SourceKmeId { get; }

    /// <summary>The other end of the link.</summary>
    public string TargetKmeId { get; }

    /// <summary>The secret key bits, packed into bytes (so the block holds <c>Material.Length * 8</c> bits).</summary>
    public byte[] Material { get; }

    /// <summary>When post-processing finished.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Quantum bit error rate measured for the block, in 0..1.</summary>
    public double Qber { get; }

    /// <summary>Composable security parameter ε of the privacy amplification, in (0, 1).</summary>
    public double SecurityParameter { get; }

    /// <summary>Number of secret bits in the block.</summary>
    public int Bits => Material.Length * 8;

    /// <summary>Creates a validated block copy.</summary>
    public KeyBlock(Guid blockId, string sourceKmeId, string targetKmeId, byte[] material, DateTimeOffset createdAt, double qber, double securityParameter)
    {
        ArgumentNullException.ThrowIfNull(material);
        if (blockId == Guid.Empty)
        {
            throw new ArgumentException("block id must not be empty", nameof(blockId));
        }

        if (!Domain.Identifier.IsValid(sourceKmeId))
        {
            throw new ArgumentException($"invalid KME ID '{sourceKmeId}'", nameof(sourceKmeId));
        }

        if (!Domain.Identifier.IsValid(targetKmeId))
        {
            throw new ArgumentException($"invalid KME ID '{targetKmeId}'", nameof(targetKmeId));
        }

        if (sourceKmeId == targetKmeId)
        {
            throw new ArgumentException("a block links two different KMEs", nameof(targetKmeId));
        }

        if (material.Length == 0)
        {
            throw new ArgumentException("block must hold key material", nameof(material));
        }

        if (!(qber >= 0 && qber <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(qber), qber, "QBER must be in 0..1");
        }

        if (!(securityParameter > 0 && securityParameter < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(securityParameter), securityParameter, "ε must be in (0, 1)");
        }

        BlockId = blockId;
        SourceKmeId = sourceKmeId;
        TargetKmeId = targetKmeId;
        Material = material;
        CreatedAt = createdAt;
        Qber = qber;
        SecurityParameter = securityParameter;
    }
}
