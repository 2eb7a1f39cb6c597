namespace QNet.Kms.Domain;

/// <summary>
/// An enc_keys request after transport parsing: null <paramref name="Number"/>/<paramref name="Size"/> take the
/// defaults (1 key, the KME's key size); <paramref name="ExtensionMandatory"/> lists the names of mandatory extensions.
/// </summary>
public sealed record EncKeysRequest(
    long? Number,
    long? Size,
    IReadOnlyList<string> AdditionalSlaveSaeIds,
    IReadOnlyList<string> ExtensionMandatory)
{
    /// <summary>The request with every field defaulted (empty POST body, bare GET).</summary>
    public static EncKeysRequest Default { get; } = new(null, null, [], []);
}
