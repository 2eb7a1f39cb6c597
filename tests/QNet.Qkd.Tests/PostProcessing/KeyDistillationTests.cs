using QNet.Kernel;
using QNet.Qkd.PostProcessing;

namespace QNet.Qkd.Tests.PostProcessing;

public class KeyDistillationTests
{
    private const int Sifted = SiftedKeyPairs.Length;

    [Fact]
    public void Reconcile_TwoPercentErrors_KeyIsSiftedBitsOutsideSampleAndCascadeCorrectsEveryError()
    {
        var (alice, bob) = SiftedKeyPairs.Generate();
        var key = new KeyDistillation(new PostProcessingOptions(), new RandomStream(5)).Reconcile(alice, bob);

        // Sample: min(4096 test bits, a tenth of the sifted bits); the key keeps the rest in sifted order.
        Assert.Equal(Sifted / 10, key.IsTest.Count(t => t));
        Assert.Equal(Sifted - Sifted / 10, key.KeyBits);
        var kept = Enumerable.Range(0, Sifted).Where(i => !key.IsTest[i]).ToArray();
        Assert.Equal(kept.Select(i => alice[i]), key.Alice);
        Assert.Equal(kept.Select(i => bob[i]), key.Bob);
        int sampleErrors = Enumerable.Range(0, Sifted).Count(i => key.IsTest[i] && alice[i] != bob[i]);
        int keyErrors = kept.Count(i => alice[i] != bob[i]);
        Assert.Equal(sampleErrors, key.SampledQber.Errors);

        // At 2 % four Cascade passes leave no error in 18 000 bits for this seed, so the tags match
        // and the measured QBER is exactly the errors in the key positions.
        Assert.Equal(key.Alice, key.Corrected);
        Assert.True(key.VerificationPassed);
        Assert.Equal(keyErrors, key.Cascade.CorrectedBits);
        Assert.Equal((double)keyErrors / key.KeyBits, key.Qber);
        Assert.Equal(key.Cascade.LeakedBits + PolynomialHash.TagBits, key.LeakedBits);
    }

    [Fact]
    public void Reconcile_SiftedLengthsDiffer_ThrowsNamingBob()
    {
        var distillation = new KeyDistillation(new PostProcessingOptions(), new RandomStream(5));

        var e = Assert.Throws<ArgumentException>(() => distillation.Reconcile(new byte[10], new byte[9]));

        Assert.Equal("siftedBob", e.ParamName);
    }

    [Fact]
    public void Amplify_FiniteLengthNotWholeBytes_KeyCutToWholeBytesAndSameAtBothEnds()
    {
        var (alice, bob) = SiftedKeyPairs.Generate();
        var options = new PostProcessingOptions();
        var distillation = new KeyDistillation(options, new RandomStream(5));
        var key = distillation.Reconcile(alice, bob);

        var distilled = distillation.Amplify(key, 1003, "a", "b", SimTime.Zero);

        Assert.Equal(QkdBlockOutcome.KeyProduced, distilled.Outcome);
        Assert.True(distilled.KeysIdentical);
        Assert.NotNull(distilled.Key);
        Assert.Equal(1000, distilled.Key.LengthBits);
        Assert.Equal(key.Qber, distilled.Key.Qber);
        Assert.Equal(options.SecurityParameter, distilled.Key.SecurityParameter);
    }

    [Fact]
    public void Amplify_FiniteLengthBeyondKey_KeyCutToKeyLength()
    {
        var (alice, bob) = SiftedKeyPairs.Generate();
        var distillation = new KeyDistillation(new PostProcessingOptions(), new RandomStream(5));
        var key = distillation.Reconcile(alice, bob);

        var distilled = distillation.Amplify(key, long.MaxValue / 2, "a", "b", SimTime.Zero);

        Assert.NotNull(distilled.Key);
        Assert.Equal(key.KeyBits / 8 * 8, distilled.Key.LengthBits);
    }

    [Fact]
    public void Amplify_FewerThanEightSecretBits_NoSecretKey()
    {
        var (alice, bob) = SiftedKeyPairs.Generate();
        var distillation = new KeyDistillation(new PostProcessingOptions(), new RandomStream(5));
        var key = distillation.Reconcile(alice, bob);

        var distilled = distillation.Amplify(key, 7, "a", "b", SimTime.Zero);

        Assert.Equal(new DistilledKey(QkdBlockOutcome.NoSecretKey, null, false), distilled);
    }

    [Fact]
    public void Amplify_VerificationFailed_BlockDiscardedWhateverTheFiniteLength()
    {
        var (alice, bob) = SiftedKeyPairs.Generate();
        var distillation = new KeyDistillation(new PostProcessingOptions(), new RandomStream(5));
        var failed = distillation.Reconcile(alice, bob) with { VerificationPassed = false };

        var distilled = distillation.Amplify(failed, 1000, "a", "b", SimTime.Zero);

        Assert.Equal(new DistilledKey(QkdBlockOutcome.VerificationFailed, null, false), distilled);
    }
}
