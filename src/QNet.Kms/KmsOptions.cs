using QNet.Kms.Domain;

namespace QNet.Kms;

/// <summary>Behaviour of a <see cref="KeyManager"/>.</summary>
public sealed record KmsOptions
{
    /// <summary>ETSI limits reported in status and enforced on requests.</summary>
    public KmsLimits Limits { get; }

    /// <summary>How long an issued key waits for its slaves before it expires.</summary>
    public TimeSpan KeyTimeToLive { get; }

    /// <summary>Policy of SAE pairs that have none set.</summary>
    public KeyPolicy DefaultPolicy { get; }

    /// <summary>Creates validated options (defaults: <see cref="KmsLimits"/> defaults, 1 hour TTL, qkd-only).</summary>
    public KmsOptions(KmsLimits? limits = null, TimeSpan? keyTimeToLive = null, KeyPolicy defaultPolicy = KeyPolicy.QkdOnly)
    {
        var ttl = keyTimeToLive ?? TimeSpan.FromHours(1);
        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(keyTimeToLive), ttl, "must be positive");
        }

        if (!Enum.IsDefined(defaultPolicy))
        {
            throw new ArgumentOutOfRangeException(nameof(defaultPolicy), defaultPolicy, null);
        }

        Limits = limits ?? new KmsLimits();
        KeyTimeToLive = ttl;
        DefaultPolicy = defaultPolicy;
    }
}
