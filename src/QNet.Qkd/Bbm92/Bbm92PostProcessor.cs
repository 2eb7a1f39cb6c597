using QNet.Kernel;
using QNet.Qkd.Bb84;
using QNet.Qkd.PostProcessing;
using QNet.Qkd.PostProcessing.Cascade;

namespace QNet.Qkd.Bbm92;

/// <summary>
/// The classical post-processing of BBM92 on one block of coincidence records (from the SPDC
/// source or from network-delivered pairs): sifting (matched Z is key, matched X is disclosed to
/// estimate the phase error), a disclosed test sample of the key for the QBER, Cascade, polynomial
/// hash verification (failure discards the block), the finite-key length of Tomamichel et al.
/// (2012), and Toeplitz privacy amplification. Public choices come from <paramref name="publicRandom"/>.
/// </summary>
public sealed class Bbm92PostProcessor(PostProcessingOptions options, RandomStream publicRandom)
{
    private readonly PostProcessingOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly RandomStream _public = publicRandom ?? throw new ArgumentNullException(nameof(publicRandom));

    /// <summary>Runs the chain on <paramref name="records"/>.</summary>
    public Bbm92BlockResult Process(DetectionRecords records, string initiatorId, string responderId, SimTime finishedAt)
    {
        ArgumentNullException.ThrowIfNull(records);
        var zAlice = new List<byte>();
        var zBob = new List<byte>();
        long xCount = 0, xErrors = 0;
        for (int i = 0; i < records.Count; i++)
        {
            if (records.AliceBasis[i] != records.BobBasis[i])
            {
                continue;
            }
            if (records.AliceBasis[i] == 0)
            {
                zAlice.Add(records.AliceBit[i]);
                zBob.Add(records.BobBit[i]);
            }
            else
            {
                xCount++;
                xErrors += records.AliceBit[i] ^ records.BobBit[i];
            }
        }
        int sifts = zAlice.Count;
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
                sampleErrors += zAlice[i] ^ zBob[i];
                continue;
            }
            alice[j] = zAlice[i];
            bob[j] = zBob[i];
            j++;
        }
        var sampled = QberEstimate.FromSample(sampleSize, sampleErrors, _options.QberConfidence);
        var corrected = (byte[])bob.Clone();
        double sizingQber = Math.Max(sampled.Estimate, sampleSize > 0 ? 1.0 / sampleSize : 0.01);
        var cascade = CascadeReconciliation.Reconcile(alice, corrected, sizingQber, _public.NextUInt64(), _options.CascadePasses);
        double qber = keyLength == 0 ? 0 : Math.Min(0.5, (double)cascade.CorrectedBits / keyLength);

        if (PolynomialHash.CollisionProbability(keyLength) > _options.EpsilonCorrectness)
        {
            throw new InvalidOperationException($"a {keyLength}-bit block is too long for the verification hash to reach epsilonCorrectness {_options.EpsilonCorrectness}.");
        }
        ulong[] points = [_public.NextUInt64(), _public.NextUInt64()];
        bool verified = PolynomialHash.Tag(alice, points).AsSpan().SequenceEqual(PolynomialHash.Tag(corrected, points));
        double leaked = cascade.LeakedBits + PolynomialHash.TagBits;
        var finite = Bbm92FiniteKey.Compute(keyLength, xCount, xErrors, leaked, _options.EpsilonSecrecy, _options.EpsilonCorrectness);

        Bbm92BlockResult Result(QkdBlockOutcome outcome, QkdKeyBlock? key, bool identical) =>
            new(outcome, records.PulsesSent, records.Count, sifts, sampled, qber, cascade, verified, finite, key, identical);

        if (!verified)
        {
            return Result(QkdBlockOutcome.VerificationFailed, null, false);
        }
        int secretBits = (int)Math.Min(keyLength, finite.SecretBits) / 8 * 8;
        if (secretBits <= 0)
        {
            return Result(QkdBlockOutcome.NoSecretKey, null, false);
        }
        var seed = PublicRandomness.Bits(_public, keyLength + secretBits - 1);
        byte[] aliceSecret = ToeplitzHash.Compute(alice, seed, secretBits);
        byte[] bobSecret = ToeplitzHash.Compute(corrected, seed, secretBits);
        var block = new QkdKeyBlock(PublicRandomness.KeyId(_public), PublicRandomness.Pack(aliceSecret), initiatorId, responderId, finishedAt, qber, _options.SecurityParameter);
        return Result(QkdBlockOutcome.KeyProduced, block, aliceSecret.AsSpan().SequenceEqual(bobSecret));
    }
}
