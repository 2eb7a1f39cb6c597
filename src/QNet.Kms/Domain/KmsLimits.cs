namespace QNet.Kms.Domain;

/// <summary>
/// The configuration limits a KME reports in its ETSI GS QKD 014 status and enforces on every request.
/// Sizes are in bits; counts are numbers of keys.
/// </summary>
public sealed record KmsLimits
{
    /// <summary>Default size of a key, in bits, when a request names none (ETSI <c>key_size</c>).</summary>
    public int KeySize { get; }

    /// <summary>Smallest key a caller may request, in bits (ETSI <c>min_key_size</c>).</summary>
    public int MinKeySize { get; }

    /// <summary>Largest key a caller may request, in bits (ETSI <c>max_key_size</c>).</summary>
    public int MaxKeySize { get; }

    /// <summary>Most keys one enc_keys request may ask for (ETSI <c>max_key_per_request</c>).</summary>
    public int MaxKeyPerRequest { get; }

    /// <summary>Capacity of one pool, in keys of <see cref="KeySize"/> (ETSI <c>max_key_count</c>); deposits beyond it are refused.</summary>
    public int MaxKeyCount { get; }

    /// <summary>Most additional slave SAEs one request may name (ETSI <c>max_SAE_ID_count</c>); 0 disables multicast.</summary>
    public int MaxSaeIdCount { get; }

    /// <summary>Creates validated limits; every size must be a positive multiple of 8 and ordered min ≤ default ≤ max.</summary>
    public KmsLimits(int keySize = 256, int minKeySize = 64, int maxKeySize = 8192, int maxKeyPerRequest = 128, int maxKeyCount = 100_000, int maxSaeIdCount = 4)
    {
        if (minKeySize <= 0 || minKeySize % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minKeySize), minKeySize, "min key size must be a positive multiple of 8 bits");
        }

        if (maxKeySize < minKeySize || maxKeySize % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxKeySize), maxKeySize, "max key size must be a multiple of 8 bits and at least the min key size");
        }

        if (keySize < minKeySize || keySize > maxKeySize || keySize % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(keySize), keySize, "key size must be a multiple of 8 bits between min and max key size");
        }

        if (maxKeyPerRequest <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxKeyPerRequest), maxKeyPerRequest, "must be positive");
        }

        if (maxKeyCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxKeyCount), maxKeyCount, "must be positive");
        }

        if (maxSaeIdCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSaeIdCount), maxSaeIdCount, "must not be negative");
        }

        KeySize = keySize;
        MinKeySize = minKeySize;
        MaxKeySize = maxKeySize;
        MaxKeyPerRequest = maxKeyPerRequest;
        MaxKeyCount = maxKeyCount;
        MaxSaeIdCount = maxSaeIdCount;
    }
}
