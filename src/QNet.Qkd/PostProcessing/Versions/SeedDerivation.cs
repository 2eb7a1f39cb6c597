namespace QNet.Qkd.PostProcessing.Versions;

/// <summary>
/// How one end turns a value announced over the authenticated channel (a Cascade shuffle seed, the
/// verification hash points, the Toeplitz seed) into the value its own computation uses. Both ends see the
/// same announced value; they compute the same thing only if they derive it the same way.
/// </summary>
public enum SeedDerivation
{
    /// <summary>The announced value is used as it is (the chain as first shipped).</summary>
    Announced,

    /// <summary>The announced value is mixed with a per-stage label (domain separation), so one announcement cannot be reused across stages.</summary>
    DomainSeparated,
}
