namespace QNet.Kms.Domain;

/// <summary>An SAE attached to a KME; the SAE ID is its client certificate's subject CN.</summary>
public sealed record SaeRegistration
{
    /// <summary>The SAE ID.</summary>
    public string SaeId { get; }

    /// <summary>The KME the SAE is attached to (a node name such as <c>alice</c>).</summary>
    public string KmeId { get; }

    /// <summary>Creates a registration; IDs must be 1-64 characters of letters, digits, '-', '_' or '.'.</summary>
    public SaeRegistration(string saeId, string kmeId)
    {
        if (!Identifier.IsValid(saeId))
        {
            throw new ArgumentException($"invalid SAE ID '{saeId}'", nameof(saeId));
        }

        if (!Identifier.IsValid(kmeId))
        {
            throw new ArgumentException($"invalid KME ID '{kmeId}'", nameof(kmeId));
        }

        SaeId = saeId;
        KmeId = kmeId;
    }
}

/// <summary>The shape of SAE and KME identifiers.</summary>
public static class Identifier
{
    /// <summary>True for 1-64 characters of ASCII letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The pool name of an unordered KME pair: the two IDs in ordinal order joined by '|'.</summary>
    public static string PoolName(string kmeA, string kmeB) =>
        string.CompareOrdinal(kmeA, kmeB) <= 0 ? $"{kmeA}|{kmeB}" : $"{kmeB}|{kmeA}";
}
