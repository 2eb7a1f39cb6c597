using QNet.Kernel;
using QNet.Qkd.Bb84;
using QNet.Qkd.PostProcessing.Versions;
using QNet.Qkd.Theory;

namespace QNet.Qkd.PostProcessing;

/// <summary>
/// The classical post-processing chain of decoy-state BB84 on one block of detection records, as
/// real systems run it: sifting; disclosure of a random test sample to estimate the QBER; Cascade
/// error correction with its parity exchange; error verification by a universal hash (a failed
/// check discards the block); the finite-key length of Lim et al. (2014) from the per-intensity
/// counts and the bits actually leaked; privacy amplification by Toeplitz hashing. Public choices
/// (test positions, Cascade shuffles, hash points, Toeplitz seed) come from <paramref name="publicRandom"/>,
/// which stands for randomness one party draws and announces over the authenticated channel. The two ends run
/// the configurations in <paramref name="ends"/> (both the current version when null).
/// </summary>
public sealed class Bb84PostProcessor(DecoyBb84Parameters protocol, PostProcessingOptions options, RandomStream publicRandom, QkdEndConfigurations? ends = null)
{
    private readonly DecoyBb84Parameters _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));
    private readonly PostProcessingOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly KeyDistillation _distillation = new(options, publicRandom, ends);

    /// <summary>Runs the chain on <paramref name="records"/>; a produced key names the two endpoints and is stamped <paramref name="finishedAt"/>.</summary>
    public Bb84BlockResult Process(DetectionRecords records, string initiatorId, string responderId, SimTime finishedAt)
    {
        ArgumentNullException.ThrowIfNull(records);
        var sifted = SiftedBlock.Sift(records);
        var key = _distillation.Reconcile(sifted.AliceKey, sifted.BobKey);

        // Per intensity class: key detections (test sample excluded) and the errors Cascade corrected in them.
        var keyDetections = new double[DecoyBb84Parameters.IntensityClasses];
        var zErrors = new long[DecoyBb84Parameters.IntensityClasses];
        for (int i = 0, j = 0; i < key.IsTest.Length; i++)
        {
            if (key.IsTest[i])
            {
                continue;
            }
            byte cls = sifted.KeyClass[i];
            keyDetections[cls]++;
            zErrors[cls] += key.Bob[j] ^ key.Corrected[j];
            j++;
        }
        var singlePhoton = SinglePhotonFromGains(records, keyDetections, zErrors);
        double xTotal = sifted.XDetections.Sum();
        double xErrorRate = xTotal == 0 ? 0 : sifted.XErrors.Sum() / xTotal;

        var counts = new DecoyCounts(keyDetections, sifted.XDetections, sifted.XErrors);
        var finite = FiniteKeyLength.Compute(_protocol, counts, key.LeakedBits, _options.EpsilonSecrecy, _options.EpsilonCorrectness);
        var distilled = _distillation.Amplify(key, finite.SecretBits, initiatorId, responderId, finishedAt);
        return new Bb84BlockResult(
            distilled.Outcome, records.PulsesSent, records.Count, SignalGain(records), sifted.AliceKey.Length, key.SampledQber, key.Qber, xErrorRate,
            singlePhoton, key.Cascade, key.VerificationPassed, finite, distilled.Key, distilled.KeysIdentical);
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
