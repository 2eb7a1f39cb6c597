using QNet.Kernel;
using QNet.Qkd.Bb84;
using QNet.Qkd.PostProcessing;
using QNet.Qkd.PostProcessing.Versions;

namespace QNet.Qkd.Tests.PostProcessing.Versions;

/// <summary>What the two ends really compute when they run different post-processing configurations (F7).</summary>
public class VersionSkewDistillationTests
{
    private const int Sifted = SiftedKeyPairs.Length;

    private static QkdEndConfigurations Ends(int initiator, int responder)
    {
        var ends = new QkdEndConfigurations(PostProcessingVersions.Find(initiator));
        ends.Set(QkdLinkEnd.Responder, PostProcessingVersions.Find(responder)!);
        return ends;
    }

    [Fact]
    public void Reconcile_BothEndsOnCurrentVersion_BitForBitAsWithoutConfigurations()
    {
        var (alice, bob) = SiftedKeyPairs.Generate();
        var plain = new KeyDistillation(new PostProcessingOptions(), new RandomStream(5));
        var versioned = new KeyDistillation(new PostProcessingOptions(), new RandomStream(5), new QkdEndConfigurations());

        var a = plain.Reconcile(alice, bob);
        var b = versioned.Reconcile(alice, bob);
        var keyA = plain.Amplify(a, 8000, "a", "b", SimTime.Zero);
        var keyB = versioned.Amplify(b, 8000, "a", "b", SimTime.Zero);

        Assert.Equal(a.Corrected, b.Corrected);
        Assert.Equal(a.Cascade.LeakedBits, b.Cascade.LeakedBits);
        Assert.True(b.VerificationPassed);
        Assert.Equal(keyA.Key!.KeyId, keyB.Key!.KeyId);
        Assert.Equal(keyA.Key.Bits, keyB.Key.Bits);
        Assert.Null(keyB.Key.ResponderBits);
    }

    [Fact]
    public void Reconcile_Versions1And2_VerifiesAndKeysEqual()
    {
        var (alice, bob) = SiftedKeyPairs.Generate();
        var distillation = new KeyDistillation(new PostProcessingOptions(), new RandomStream(5), Ends(2, 1));

        var key = distillation.Reconcile(alice, bob);
        var distilled = distillation.Amplify(key, 8000, "a", "b", SimTime.Zero);

        // Version 1 runs three passes (the responder's choice); at 2 % they still correct every error for this seed.
        Assert.Equal(3, key.Cascade.BlockSizes.Count);
        Assert.True(key.VerificationPassed);
        Assert.True(distilled.KeysIdentical);
        Assert.Null(distilled.Key!.ResponderBits);
    }

    [Fact]
    public void Reconcile_ResponderOnVersion4_CascadeDivergesAndVerificationFails()
    {
        var (alice, bob) = SiftedKeyPairs.Generate();
        var distillation = new KeyDistillation(new PostProcessingOptions(), new RandomStream(5), Ends(2, 4));

        var key = distillation.Reconcile(alice, bob);
        var distilled = distillation.Amplify(key, 8000, "a", "b", SimTime.Zero);

        // Pass 1 keeps the sifted order at both ends and corrects as usual; from pass 2 on Alice answers parities of
        // other shuffles than Bob's, his searches land on wrong bits, and his copy still differs from hers at the end.
        int after = key.Alice.Zip(key.Corrected).Count(p => p.First != p.Second);
        Assert.True(after > 0, "Bob's corrected key equals Alice's despite different shuffles");
        Assert.True(key.Cascade.Aborted, $"Cascade ended after {key.Cascade.CorrectedBits} flips without aborting");
        Assert.False(key.VerificationPassed);
        Assert.Equal(QkdBlockOutcome.VerificationFailed, distilled.Outcome);
        Assert.Null(distilled.Key);
    }

    [Fact]
    public void Amplify_ResponderOnVersion3_VerifiedButEndsHoldDifferentKeys()
    {
        var (alice, bob) = SiftedKeyPairs.Generate();
        var distillation = new KeyDistillation(new PostProcessingOptions(), new RandomStream(5), Ends(2, 3));

        var key = distillation.Reconcile(alice, bob);
        var distilled = distillation.Amplify(key, 8000, "a", "b", SimTime.Zero);

        // Reconciliation agrees; the two Toeplitz matrices differ, so the keys differ in about half their bits.
        Assert.True(key.VerificationPassed);
        Assert.Equal(key.Alice, key.Corrected);
        Assert.Equal(QkdBlockOutcome.KeyProduced, distilled.Outcome);
        Assert.False(distilled.KeysIdentical);
        var responder = distilled.Key!.ResponderBits;
        Assert.NotNull(responder);
        int differing = distilled.Key.Bits.Zip(responder).Sum(p => System.Numerics.BitOperations.PopCount((uint)(p.First ^ p.Second)));
        // 8000 independent fair bits: mean 4000, σ ≈ 45; ±5σ.
        Assert.InRange(differing, 4000 - 225, 4000 + 225);
    }

    [Fact]
    public void RunBlock_SeededSessionSkewedAfterTwoBlocks_EveryLaterBlockFailsVerification()
    {
        var ends = new QkdEndConfigurations();
        var session = new DecoyBb84Session(new DecoyBb84Parameters(), QkdTestLinks.Gys(10), new PostProcessingOptions(), new RandomStream(21), ends: ends);

        // 40 kbit blocks are too short for the finite-key bound to leave key, but verification runs on every block.
        var matching = Enumerable.Range(0, 2).Select(_ => session.RunBlock(40_000)).ToArray();
        ends.Set(QkdLinkEnd.Responder, PostProcessingVersions.Find(4)!);
        var skewed = Enumerable.Range(0, 3).Select(_ => session.RunBlock(40_000)).ToArray();
        ends.Set(QkdLinkEnd.Responder, PostProcessingVersions.Default);
        var restored = session.RunBlock(40_000);

        Assert.All(matching, r => Assert.True(r.VerificationPassed));
        Assert.All(skewed, r => Assert.Equal(QkdBlockOutcome.VerificationFailed, r.Outcome));
        Assert.True(restored.VerificationPassed);
        Assert.Equal(3, session.Blocks[QkdBlockOutcome.VerificationFailed]);
        Assert.Equal(6, session.Blocks.Values.Sum());
    }
}
