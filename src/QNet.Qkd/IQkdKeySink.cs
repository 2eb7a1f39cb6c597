namespace QNet.Qkd;

/// <summary>
/// Receives the key blocks a QKD link distils; the key-management layer's adapter implements it
/// (one call per block, in creation order per link). Discarded blocks are reported so the sink can
/// count them.
/// </summary>
public interface IQkdKeySink
{
    /// <summary>A new block of secret key, identical at both ends.</summary>
    void Accept(QkdKeyBlock block);

    /// <summary>A block produced no key: verification failed or the finite-key length was not positive.</summary>
    void Discarded(string initiatorId, string responderId, Kernel.SimTime at, QkdBlockOutcome outcome);
}
