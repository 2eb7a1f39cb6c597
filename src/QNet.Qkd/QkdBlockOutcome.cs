namespace QNet.Qkd;

/// <summary>What became of one block of raw key.</summary>
public enum QkdBlockOutcome
{
    /// <summary>Secret key was produced and both ends hold the same key.</summary>
    KeyProduced,

    /// <summary>The finite-key bound left no secret bits (too few detections or too many errors).</summary>
    NoSecretKey,

    /// <summary>Error verification found the two keys different after error correction; the block was discarded.</summary>
    VerificationFailed,
}
