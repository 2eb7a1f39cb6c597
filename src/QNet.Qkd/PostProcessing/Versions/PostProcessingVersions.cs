namespace QNet.Qkd.PostProcessing.Versions;

/// <summary>
/// The post-processing configuration versions QNet knows. Version 2 is the chain as it has always run (four
/// Cascade passes, announced values used as they are) and the default; version 1 ran three Cascade passes and
/// interoperates with 2; version 3 domain-separates the privacy-amplification seed (the two ends of a 2↔3 link
/// verify the reconciled key but amplify it into different keys, which the KMS quarantines); version 4 also
/// domain-separates the Cascade shuffles and the verification points (a 2↔4 or 3↔4 link fails verification on
/// every block).
/// </summary>
public static class PostProcessingVersions
{
    /// <summary>The version an end runs unless told otherwise.</summary>
    public const int Current = 2;

    /// <summary>Every known configuration, by version.</summary>
    public static IReadOnlyList<PostProcessingConfiguration> All { get; } =
    [
        new(1, 3, SeedDerivation.Announced, SeedDerivation.Announced, SeedDerivation.Announced),
        new(2, Cascade.CascadeReconciliation.DefaultPasses, SeedDerivation.Announced, SeedDerivation.Announced, SeedDerivation.Announced),
        new(3, Cascade.CascadeReconciliation.DefaultPasses, SeedDerivation.Announced, SeedDerivation.Announced, SeedDerivation.DomainSeparated),
        new(4, Cascade.CascadeReconciliation.DefaultPasses, SeedDerivation.DomainSeparated, SeedDerivation.DomainSeparated, SeedDerivation.DomainSeparated),
    ];

    /// <summary>The configuration of <paramref name="version"/>, or null for an unknown version.</summary>
    public static PostProcessingConfiguration? Find(int version) => All.FirstOrDefault(c => c.Version == version);

    /// <summary>The current configuration.</summary>
    public static PostProcessingConfiguration Default => Find(Current)!;

    /// <summary>The known version numbers, for error messages ("1, 2, 3, 4").</summary>
    public static string Known => string.Join(", ", All.Select(c => c.Version));
}
