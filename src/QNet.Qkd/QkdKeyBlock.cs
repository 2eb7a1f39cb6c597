using QNet.Kernel;

namespace QNet.Qkd;

/// <summary>
/// A block of secret key distilled at both ends of a QKD link (identical unless <see cref="ResponderBits"/> says otherwise), ready for the key-management layer.
/// </summary>
/// <param name="KeyId">Identifier of the block, the same at both ends.</param>
/// <param name="Bits">The key, packed 8 bits per byte, least significant bit first; its length is a whole number of bytes.</param>
/// <param name="InitiatorId">Node id of the end that sent the quantum signals (Alice).</param>
/// <param name="ResponderId">Node id of the end that measured them (Bob).</param>
/// <param name="CreatedAt">Simulated time at which post-processing of the block finished.</param>
/// <param name="Qber">Quantum bit error rate of the block's raw key (errors corrected / key bits).</param>
/// <param name="SecurityParameter">ε = ε_sec + ε_cor: the key is ε-close to a perfect key shared by both ends.</param>
public sealed record QkdKeyBlock(Guid KeyId, byte[] Bits, string InitiatorId, string ResponderId, SimTime CreatedAt, double Qber, double SecurityParameter)
{
    /// <summary>The key bytes.</summary>
    public byte[] Bits { get; } = Bits is { Length: > 0 } ? Bits : throw new ArgumentException("a key block must hold at least one byte.", nameof(Bits));

    /// <summary>Initiator (Alice) node id.</summary>
    public string InitiatorId { get; } = !string.IsNullOrWhiteSpace(InitiatorId) ? InitiatorId : throw new ArgumentException("initiator id is required.", nameof(InitiatorId));

    /// <summary>Responder (Bob) node id.</summary>
    public string ResponderId { get; } = !string.IsNullOrWhiteSpace(ResponderId) ? ResponderId : throw new ArgumentException("responder id is required.", nameof(ResponderId));

    /// <summary>QBER, 0..0.5.</summary>
    public double Qber { get; } = Qber is >= 0 and <= 0.5 ? Qber : throw new ArgumentOutOfRangeException(nameof(Qber), Qber, "QBER must lie between 0 and 0.5.");

    /// <summary>Security parameter ε, in (0, 1).</summary>
    public double SecurityParameter { get; } = SecurityParameter is > 0 and < 1 ? SecurityParameter : throw new ArgumentOutOfRangeException(nameof(SecurityParameter), SecurityParameter, "security parameter must lie strictly between 0 and 1.");

    /// <summary>
    /// The responder's copy when it differs from <see cref="Bits"/> (the two ends ran post-processing configurations
    /// that amplify differently); null when both ends hold <see cref="Bits"/>. The key store compares the copies.
    /// </summary>
    public byte[]? ResponderBits { get; init; }

    /// <summary>Length of the key in bits.</summary>
    public int LengthBits => Bits.Length * 8;
}
