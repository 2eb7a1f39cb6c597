namespace QNet.Qkd.PostProcessing.Versions;

/// <summary>
/// The post-processing configuration one end of a QKD link runs, under a version number. Two ends interoperate
/// (<see cref="InteroperatesWith"/>) when every choice that both must make the same way is equal: how the Cascade
/// shuffles, the verification hash points and the privacy-amplification seed are derived from the announced
/// values. <see cref="CascadePasses"/> is the responder's alone (it drives Cascade and names the pass in every
/// question, and the initiator answers any pass), so versions that differ only there interoperate.
/// </summary>
/// <param name="Version">Version number, at least 1.</param>
/// <param name="CascadePasses">Cascade passes the responder runs (1..16).</param>
/// <param name="CascadeSeeds">Derivation of each end's Cascade shuffle seed from the announced one.</param>
/// <param name="VerificationSeeds">Derivation of each end's polynomial-hash evaluation points from the announced ones.</param>
/// <param name="AmplificationSeeds">Derivation of each end's Toeplitz seed from the announced bits.</param>
public sealed record PostProcessingConfiguration(
    int Version,
    int CascadePasses,
    SeedDerivation CascadeSeeds,
    SeedDerivation VerificationSeeds,
    SeedDerivation AmplificationSeeds)
{
    /// <summary>Version number.</summary>
    public int Version { get; } = Version >= 1
        ? Version : throw new ArgumentOutOfRangeException(nameof(Version), Version, "a post-processing version must be at least 1.");

    /// <summary>Cascade passes.</summary>
    public int CascadePasses { get; } = CascadePasses is >= 1 and <= 16
        ? CascadePasses : throw new ArgumentOutOfRangeException(nameof(CascadePasses), CascadePasses, "cascadePasses must lie between 1 and 16.");

    /// <summary>Cascade shuffle seed derivation.</summary>
    public SeedDerivation CascadeSeeds { get; } = Enum.IsDefined(CascadeSeeds)
        ? CascadeSeeds : throw new ArgumentOutOfRangeException(nameof(CascadeSeeds), CascadeSeeds, "unknown seed derivation.");

    /// <summary>Verification point derivation.</summary>
    public SeedDerivation VerificationSeeds { get; } = Enum.IsDefined(VerificationSeeds)
        ? VerificationSeeds : throw new ArgumentOutOfRangeException(nameof(VerificationSeeds), VerificationSeeds, "unknown seed derivation.");

    /// <summary>Toeplitz seed derivation.</summary>
    public SeedDerivation AmplificationSeeds { get; } = Enum.IsDefined(AmplificationSeeds)
        ? AmplificationSeeds : throw new ArgumentOutOfRangeException(nameof(AmplificationSeeds), AmplificationSeeds, "unknown seed derivation.");

    /// <summary>Whether an end running this configuration and one running <paramref name="other"/> distil the same key.</summary>
    public bool InteroperatesWith(PostProcessingConfiguration other) => Incompatibilities(other).Count == 0;

    /// <summary>The stages the two configurations do differently (empty when they interoperate), as operators name them.</summary>
    public IReadOnlyList<string> Incompatibilities(PostProcessingConfiguration other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var stages = new List<string>(3);
        if (CascadeSeeds != other.CascadeSeeds)
        {
            stages.Add("Cascade shuffle seeds");
        }
        if (VerificationSeeds != other.VerificationSeeds)
        {
            stages.Add("verification hash points");
        }
        if (AmplificationSeeds != other.AmplificationSeeds)
        {
            stages.Add("privacy-amplification seed");
        }
        return stages;
    }
}
