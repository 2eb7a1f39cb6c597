using QNet.Kms.Crypto;
using QNet.Kms.Supply;

namespace QNet.Kms.Tests;

/// <summary>Deterministic inputs for KMS tests.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static MasterKey MasterKey { get; } = MasterKey.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    /// <summary>A block whose bytes are drawn from a seeded generator, so tests can predict key material.</summary>
    public static KeyBlock Block(int seed, int bytes = 1024, string a = "alice", string b = "bob")
    {
        var material = new byte[bytes];
        new Random(seed).NextBytes(material);
        return new KeyBlock(new Guid(seed, 0, 0, new byte[8]), a, b, material, Epoch, qber: 0.01, securityParameter: 1e-10);
    }

    /// <summary>A copy of <paramref name="block"/> with one bit flipped (a mismatched peer copy).</summary>
    public static KeyBlock Flipped(KeyBlock block)
    {
        var material = (byte[])block.Material.Clone();
        material[material.Length / 2] ^= 0x01;
        return new KeyBlock(block.BlockId, block.SourceKmeId, block.TargetKmeId, material, block.CreatedAt, block.Qber, block.SecurityParameter);
    }
}
