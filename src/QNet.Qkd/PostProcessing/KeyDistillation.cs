using QNet.Kernel;
using QNet.Qkd.PostProcessing.Cascade;
using QNet.Qkd.PostProcessing.Versions;

namespace QNet.Qkd.PostProcessing;

/// <summary>
/// The steps BB84 and BBM92 post-processing share once sifting has produced matched-Z key bits:
/// disclosure of a random test sample for the QBER, Cascade error correction, verification by a
/// polynomial hash, and (after the protocol's own finite-key bound) privacy amplification by
/// Toeplitz hashing. Public choices are drawn from one stream in a fixed order (test positions,
/// Cascade seed, hash points, Toeplitz seed, key id), so a seed reproduces every key bit for bit.
/// Each end turns the announced values into its own through its <see cref="PostProcessingConfiguration"/>
/// (<paramref name="ends"/>; without it both run the current version with the options' Cascade passes): ends
/// that derive a stage differently really compute different shuffles, tags or Toeplitz matrices.
/// </summary>
internal sealed class KeyDistillation(PostProcessingOptions options, RandomStream publicRandom, QkdEndConfigurations? ends = null)
{
    private readonly PostProcessingOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly RandomStream _public = publicRandom ?? throw new ArgumentNullException(nameof(publicRandom));

    // The pair read at the start of the block being processed (Reconcile), used by its Amplify.
    private (PostProcessingConfiguration Initiator, PostProcessingConfiguration Responder) _block = ends?.Current
        ?? (PostProcessingVersions.Default, PostProcessingVersions.Default);

    /// <summary>
    /// Discloses a test sample of the sifted key (at most <see cref="PostProcessingOptions.TestSampleBits"/>
    /// and a tenth of the bits), corrects Bob's remaining bits towards Alice's with Cascade, and checks
    /// the result with a polynomial-hash tag.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key is too long for the hash to reach ε_cor.</exception>
    public ReconciledKey Reconcile(ReadOnlySpan<byte> siftedAlice, ReadOnlySpan<byte> siftedBob)
    {
        if (siftedAlice.Length != siftedBob.Length)
        {
            throw new ArgumentException("both ends must hold the same number of sifted bits.", nameof(siftedBob));
        }
        _block = ends?.Current ?? _block;
        var (aliceEnd, bobEnd) = _block;
        int passes = ends is null ? _options.CascadePasses : bobEnd.CascadePasses;

        // Parameter estimation: disclose a random sample of the raw key and drop it from the key.
        int sifts = siftedAlice.Length;
        int sampleSize = Math.Min(_options.TestSampleBits, sifts / 10);
        bool[] isTest = PublicRandomness.ChooseSample(_public, sifts, sampleSize);
        int keyLength = sifts - sampleSize;
        var alice = new byte[keyLength];
        var bob = new byte[keyLength];
        int sampleErrors = 0;
        for (int i = 0, j = 0; i < sifts; i++)
        {
            if (isTest[i])
            {
                sampleErrors += siftedAlice[i] ^ siftedBob[i];
                continue;
            }
            alice[j] = siftedAlice[i];
            bob[j] = siftedBob[i];
            j++;
        }
        var sampled = QberEstimate.FromSample(sampleSize, sampleErrors, _options.QberConfidence);

        // Error correction: Bob corrects his copy towards Alice's through Cascade's parity exchange.
        var corrected = (byte[])bob.Clone();
        double sizingQber = Math.Max(sampled.Estimate, sampleSize > 0 ? 1.0 / sampleSize : 0.01);
        ulong cascadeSeed = _public.NextUInt64();
        var cascade = CascadeReconciliation.Reconcile(alice, corrected, sizingQber,
            DerivedSeeds.Derive(cascadeSeed, aliceEnd.CascadeSeeds, DerivedSeeds.CascadeLabel),
            DerivedSeeds.Derive(cascadeSeed, bobEnd.CascadeSeeds, DerivedSeeds.CascadeLabel), passes);

        // Error verification: Alice sends a polynomial-hash tag of her key; Bob compares it with his.
        if (PolynomialHash.CollisionProbability(keyLength) > _options.EpsilonCorrectness)
        {
            throw new InvalidOperationException($"a {keyLength}-bit block is too long for the verification hash to reach epsilonCorrectness {_options.EpsilonCorrectness}.");
        }
        ulong[] points = [_public.NextUInt64(), _public.NextUInt64()];
        var alicePoints = DerivedSeeds.Derive(points, aliceEnd.VerificationSeeds, DerivedSeeds.VerificationLabel);
        var bobPoints = DerivedSeeds.Derive(points, bobEnd.VerificationSeeds, DerivedSeeds.VerificationLabel);
        bool verified = !cascade.Aborted && PolynomialHash.Tag(alice, alicePoints).AsSpan().SequenceEqual(PolynomialHash.Tag(corrected, bobPoints));
        return new ReconciledKey(isTest, alice, bob, corrected, sampled, cascade, verified);
    }

    /// <summary>
    /// Privacy amplification of <paramref name="key"/> to the protocol's finite-key length
    /// <paramref name="finiteSecretBits"/> (cut to the key length and to whole bytes, so the key
    /// block is a byte string). A block that failed verification or has no secret bits is discarded.
    /// </summary>
    public DistilledKey Amplify(ReconciledKey key, long finiteSecretBits, string initiatorId, string responderId, SimTime finishedAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.VerificationPassed)
        {
            return new DistilledKey(QkdBlockOutcome.VerificationFailed, null, false);
        }
        int secretBits = (int)Math.Min(key.KeyBits, finiteSecretBits) / 8 * 8;
        if (secretBits <= 0)
        {
            return new DistilledKey(QkdBlockOutcome.NoSecretKey, null, false);
        }

        // Both hash with the announced Toeplitz seed, each as its configuration derives it.
        var seed = PublicRandomness.Bits(_public, key.KeyBits + secretBits - 1);
        byte[] aliceSecret = ToeplitzHash.Compute(key.Alice, DerivedSeeds.DeriveBits(seed, _block.Initiator.AmplificationSeeds, DerivedSeeds.AmplificationLabel), secretBits);
        byte[] bobSecret = ToeplitzHash.Compute(key.Corrected, DerivedSeeds.DeriveBits(seed, _block.Responder.AmplificationSeeds, DerivedSeeds.AmplificationLabel), secretBits);
        bool identical = aliceSecret.AsSpan().SequenceEqual(bobSecret);
        var block = new QkdKeyBlock(PublicRandomness.KeyId(_public), PublicRandomness.Pack(aliceSecret), initiatorId, responderId, finishedAt, key.Qber, _options.SecurityParameter)
        {
            // Neither end can see the other's key: the responder's copy travels with the block so the key store compares them.
            ResponderBits = identical ? null : PublicRandomness.Pack(bobSecret),
        };
        return new DistilledKey(QkdBlockOutcome.KeyProduced, block, identical);
    }
}
