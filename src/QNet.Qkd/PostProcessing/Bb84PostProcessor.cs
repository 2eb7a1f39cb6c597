using QNet.Kernel;
using QNet.Qkd.Bb84;
using QNet.Qkd.PostProcessing.Cascade;
using QNet.Qkd.Theory;

namespace QNet.Qkd.PostProcessing;

/// <summary>
/// The classical post-processing chain of decoy-state BB84 on one block of detection records, as
/// real systems run it: sifting; disclosure of a random test sample to estimate the QBER; Cascade
/// error correction with its parity exchange; error verification by a universal hash (a failed
/// check discards the block); the finite-key length of Lim et al. (2014) from the per-intensity
/// counts and the bits actually leaked; privacy amplification by Toeplitz hashing. Public choices
/// (test positions, Cascade shuffles, hash points, Toeplitz seed) come from <paramref name="publicRandom"/>,
/// which stands for randomness one party draws and announces over the authenticated channel.
/// </summary>
public sealed class Bb84PostProcessor(DecoyBb84Parameters protocol, PostProcessingOptions options, RandomStream publicRandom)
{
    private readonly DecoyBb84Parameters _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));
    private readonly PostProcessingOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly RandomStream _public = publicRandom ?? throw new ArgumentNullException(nameof(publicRandom));

    /// <summary>Runs the chain on <paramref name="records"/>; a produced key names the two endpoints and is stamped <paramref name="finishedAt"/>.</summary>
    public Bb84BlockResult Process(DetectionRecords records, string initiatorId, string responderId, SimTime finishedAt)
    {
        ArgumentNullException.ThrowIfNull(records);
        var sifted = SiftedBlock.Sift(records);
        int sifts = sifted.AliceKey.Length;

        // Parameter estimation: disclose a random sample of the raw key and drop it from the key.
        int sampleSize = Math.Min(_options.TestSampleBits, sifts / 10);
        bool[] isTest = PublicRandomness.ChooseSample(_public, sifts, sampleSize);
        int keyLength = sifts - sampleSize;
        var alice = new byte[keyLength];
        var bob = new byte[keyLength];
        var cls = new byte[keyLength];
        int sampleErrors = 0;
        var keyDetections = new double[DecoyBb84Parameters.IntensityClasses];
        for (int i = 0, j = 0; i < sifts; i++)
        {
            if (isTest[i])
            {
                sampleErrors += sifted.AliceKey[i] ^ sifted.BobKey[i];
                continue;
            }
            alice[j] = sifted.AliceKey[i];
            bob[j] = sifted.BobKey[i];
            cls[j] = sifted.KeyClass[i];
            keyDetections[cls[j]]++;
            j++;
        }
        var sampled = QberEstimate.FromSample(sampleSize, sampleErrors, _options.QberConfidence);

        // Error correction: Bob corrects his copy towards Alice's through Cascade's parity exchange.
        var corrected = (byte[])bob.Clone();
        double sizingQber = Math.Max(sampled.Estimate, sampleSize > 0 ? 1.0 / sampleSize : 0.01);
        var cascade = CascadeReconciliation.Reconcile(alice, corrected, sizingQber, _public.NextUInt64(), _options.CascadePasses);
        double qber = keyLength == 0 ? 0 : Math.Min(0.5, (double)cascade.CorrectedBits / keyLength);
        var zErrors = new long[DecoyBb84Parameters.IntensityClasses];
        for (int i = 0; i < keyLength; i++)
        {
            zErrors[cls[i]] += bob[i] ^ corrected[i];
        }
        var singlePhoton = SinglePhotonFromGains(records, keyDetections, zErrors);
        double xTotal = sifted.XDetections.Sum();
        double xErrorRate = xTotal == 0 ? 0 : sifted.XErrors.Sum() / xTotal;

        // Error verification: Alice sends a polynomial-hash tag of her key; Bob compares it with his.
        if (PolynomialHash.CollisionProbability(keyLength) > _options.EpsilonCorrectness)
        {
            throw new InvalidOperationException($"a {keyLength}-bit block is too long for the verification hash to reach epsilonCorrectness {_options.EpsilonCorrectness}.");
        }
        ulong[] points = [_public.NextUInt64(), _public.NextUInt64()];
        bool verified = PolynomialHash.Tag(alice, points).AsSpan().SequenceEqual(PolynomialHash.Tag(corrected, points));

        // Leak: every parity Cascade disclosed plus the verification tag (counted conservatively).
        double leaked = cascade.LeakedBits + PolynomialHash.TagBits;
        var counts = new DecoyCounts(keyDetections, sifted.XDetections, sifted.XErrors);
        var finite = FiniteKeyLength.Compute(_protocol, counts, leaked, _options.EpsilonSecrecy, _options.EpsilonCorrectness);

        Bb84BlockResult Result(QkdBlockOutcome outcome, QkdKeyBlock? key, bool identical) => new(
            outcome, records.PulsesSent, records.Count, SignalGain(records), sifts, sampled, qber, xErrorRate, singlePhoton, cascade, verified, finite, key, identical);

        if (!verified)
        {
            return Result(QkdBlockOutcome.VerificationFailed, null, false);
        }
        // Whole bytes only, so the key block is a byte string.
        int secretBits = (int)Math.Min(keyLength, finite.SecretBits) / 8 * 8;
        if (secretBits <= 0)
        {
            return Result(QkdBlockOutcome.NoSecretKey, null, false);
        }

        // Privacy amplification: both hash with the same public Toeplitz seed.
        var seed = PublicRandomness.Bits(_public, keyLength + secretBits - 1);
        byte[] aliceSecret = ToeplitzHash.Compute(alice, seed, secretBits);
        byte[] bobSecret = ToeplitzHash.Compute(corrected, seed, secretBits);
        bool identical = aliceSecret.AsSpan().SequenceEqual(bobSecret);
        var block = new QkdKeyBlock(PublicRandomness.KeyId(_public), PublicRandomness.Pack(aliceSecret), initiatorId, responderId, finishedAt, qber, _options.SecurityParameter);
        return Result(QkdBlockOutcome.KeyProduced, block, identical);
    }

    private SinglePhotonBounds SinglePhotonFromGains(DetectionRecords records, double[] keyDetections, long[] zErrors)
    {
        // Pulses per class in matched Z: Alice's expected numbers N·pk·pZ² (the simulator does not
        // keep the classes of empty pulses); their relative fluctuation ~1/√(N·pk) is far inside the
        // Hoeffding deviations applied to the click counts.
        double pz2 = _protocol.ZBasisProbability * _protocol.ZBasisProbability;
        long Pulses(int k) => (long)Math.Round(records.PulsesSent * _protocol.Probability(k) * pz2);
        if (_protocol.VacuumIntensity > 0)
        {
            return new SinglePhotonBounds(0, 0.5);
        }
        return DecoyStateBounds.FromCounts(
            _protocol.SignalIntensity, _protocol.DecoyIntensity,
            Pulses(0), (long)keyDetections[0],
            Pulses(1), (long)keyDetections[1], zErrors[1],
            Pulses(2), (long)keyDetections[2],
            _options.EpsilonSecrecy);
    }

    private double SignalGain(DetectionRecords records)
    {
        int signal = 0;
        for (int i = 0; i < records.Count; i++)
        {
            signal += records.IntensityClass[i] == 0 ? 1 : 0;
        }
        return records.PulsesSent == 0 ? 0 : signal / (records.PulsesSent * _protocol.SignalProbability);
    }
}
