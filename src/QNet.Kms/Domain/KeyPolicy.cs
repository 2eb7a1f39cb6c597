namespace QNet.Kms.Domain;

/// <summary>How the keys of one SAE pair are made. See docs/kms.md for what each protects against.</summary>
public enum KeyPolicy
{
    /// <summary>Keys are QKD key material only; the pool running dry is a 503.</summary>
    QkdOnly,

    /// <summary>Keys are HKDF(QKD material ‖ ML-KEM-768 shared secret); both must be available.</summary>
    Hybrid,

    /// <summary>QKD material when the pool has it, otherwise an ML-KEM-768-derived key (origin reported).</summary>
    PqcFallback,
}

/// <summary>Text forms of <see cref="KeyPolicy"/> as written in the CLI and docs.</summary>
public static class KeyPolicyNames
{
    /// <summary>The CLI/documentation name: <c>qkd-only</c>, <c>hybrid</c> or <c>pqc-fallback</c>.</summary>
    public static string ToName(this KeyPolicy policy) => policy switch
    {
        KeyPolicy.QkdOnly => "qkd-only",
        KeyPolicy.Hybrid => "hybrid",
        KeyPolicy.PqcFallback => "pqc-fallback",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    /// <summary>Parses a policy name; returns false for anything else.</summary>
    public static bool TryParse(string? text, out KeyPolicy policy)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "qkd-only": policy = KeyPolicy.QkdOnly; return true;
            case "hybrid": policy = KeyPolicy.Hybrid; return true;
            case "pqc-fallback": policy = KeyPolicy.PqcFallback; return true;
            default: policy = KeyPolicy.QkdOnly; return false;
        }
    }
}
