namespace QNet.Kms.Domain;

/// <summary>A key handed to an SAE: its UUID, its bytes and how it was made (<c>qkd</c>, <c>hybrid</c> or <c>pqc</c>).</summary>
public sealed record DeliveredKey(Guid KeyId, byte[] Material, string Origin);

/// <summary>Origins reported in the ETSI <c>key_extension</c>.</summary>
public static class KeyOrigin
{
    /// <summary>QKD key material only.</summary>
    public const string Qkd = "qkd";

    /// <summary>QKD material combined with an ML-KEM-768 secret by HKDF.</summary>
    public const string Hybrid = "hybrid";

    /// <summary>ML-KEM-768 secret only (fallback when the QKD pool was empty).</summary>
    public const string Pqc = "pqc";
}
