namespace QNet.Qkd.PostProcessing.Versions;

/// <summary>
/// Applies a <see cref="SeedDerivation"/> to announced values. <see cref="SeedDerivation.Announced"/> is the
/// identity, so the current version reproduces the chain bit for bit; <see cref="SeedDerivation.DomainSeparated"/>
/// mixes each value with a per-stage label through the SplitMix64 finaliser (a bijection on 64-bit words).
/// </summary>
internal static class DerivedSeeds
{
    /// <summary>Stage labels (arbitrary distinct odd constants).</summary>
    public const ulong CascadeLabel = 0x9E3779B97F4A7C15UL;
    public const ulong VerificationLabel = 0xC2B2AE3D27D4EB4FUL;
    public const ulong AmplificationLabel = 0x165667B19E3779F9UL;

    /// <summary>The value an end uses for the announced <paramref name="announced"/>.</summary>
    public static ulong Derive(ulong announced, SeedDerivation derivation, ulong label) =>
        derivation == SeedDerivation.Announced ? announced : Mix(announced ^ label);

    /// <summary>The points an end uses for the announced <paramref name="announced"/>.</summary>
    public static ulong[] Derive(ReadOnlySpan<ulong> announced, SeedDerivation derivation, ulong label)
    {
        var derived = new ulong[announced.Length];
        for (int i = 0; i < announced.Length; i++)
        {
            derived[i] = Derive(announced[i], derivation, label + (ulong)i);
        }
        return derived;
    }

    /// <summary>
    /// The seed bits (one per byte) an end uses for the announced <paramref name="announced"/>: as they are, or
    /// XORed with a keystream seeded from the label and the first announced word.
    /// </summary>
    public static byte[] DeriveBits(byte[] announced, SeedDerivation derivation, ulong label)
    {
        if (derivation == SeedDerivation.Announced)
        {
            return announced;
        }
        ulong first = 0;
        for (int i = 0; i < Math.Min(64, announced.Length); i++)
        {
            first |= (ulong)announced[i] << i;
        }
        var stream = new Kernel.RandomStream(Mix(first ^ label));
        var derived = new byte[announced.Length];
        for (int i = 0; i < announced.Length; i += 64)
        {
            ulong word = stream.NextUInt64();
            int end = Math.Min(announced.Length, i + 64);
            for (int j = i; j < end; j++, word >>= 1)
            {
                derived[j] = (byte)(announced[j] ^ (word & 1));
            }
        }
        return derived;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
