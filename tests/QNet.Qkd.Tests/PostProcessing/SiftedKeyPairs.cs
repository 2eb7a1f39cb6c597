using QNet.Kernel;

namespace QNet.Qkd.Tests.PostProcessing;

/// <summary>Seeded sifted keys for the post-processing tests: Bob's copy of Alice's bits, each flipped with probability 2 %.</summary>
internal static class SiftedKeyPairs
{
    /// <summary>Number of sifted bits.</summary>
    public const int Length = 20_000;

    /// <summary>The same seeded pair every call.</summary>
    public static (byte[] Alice, byte[] Bob) Generate()
    {
        var random = new RandomStream(77);
        var alice = new byte[Length];
        var bob = new byte[Length];
        for (int i = 0; i < Length; i++)
        {
            alice[i] = (byte)random.NextInt(2);
            bob[i] = (byte)(alice[i] ^ (random.NextBernoulli(0.02) ? 1 : 0));
        }
        return (alice, bob);
    }
}
