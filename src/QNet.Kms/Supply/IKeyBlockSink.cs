namespace QNet.Kms.Supply;

/// <summary>What a key supply feeds: the KMS accepts one KME's copy of a block at a time.</summary>
public interface IKeyBlockSink
{
    /// <summary>
    /// Stores <paramref name="block"/> as the copy held by <paramref name="holderKmeId"/> (one of the block's two
    /// ends). When both copies are present they are compared by hash: equal copies become usable, unequal ones are
    /// quarantined and never delivered.
    /// </summary>
    Task<DepositOutcome> DepositAsync(string holderKmeId, KeyBlock block, CancellationToken cancellationToken = default);
}

/// <summary>What happened to a deposited block copy.</summary>
public enum DepositOutcome
{
    /// <summary>First copy stored; waiting for the peer's copy.</summary>
    AwaitingPeer,

    /// <summary>Both copies present and equal: the block feeds the pool.</summary>
    Verified,

    /// <summary>Both copies present and different: quarantined, audited, counted, never delivered.</summary>
    Quarantined,

    /// <summary>This copy was already stored (idempotent re-delivery).</summary>
    Duplicate,

    /// <summary>The pool is at its capacity (<c>max_key_count</c>); the block was dropped.</summary>
    PoolFull,
}

/// <summary>A source of key blocks (a QKD link, or the development supplier) that runs until cancelled.</summary>
public interface IKeySupply
{
    /// <summary>Feeds blocks into <paramref name="sink"/> until <paramref name="cancellationToken"/> fires.</summary>
    Task RunAsync(IKeyBlockSink sink, CancellationToken cancellationToken);
}
