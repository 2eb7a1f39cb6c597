using System.Runtime.InteropServices;
using QNet.Kernel;
using QNet.Qkd.Bb84;
using QNet.Qkd.PostProcessing;

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
    private readonly KeyDistillation _distillation = new(options, publicRandom);

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
        var key = _distillation.Reconcile(CollectionsMarshal.AsSpan(zAlice), CollectionsMarshal.AsSpan(zBob));
        var finite = Bbm92FiniteKey.Compute(key.KeyBits, xCount, xErrors, key.LeakedBits, _options.EpsilonSecrecy, _options.EpsilonCorrectness);
        var distilled = _distillation.Amplify(key, finite.SecretBits, initiatorId, responderId, finishedAt);
        return new Bbm92BlockResult(
            distilled.Outcome, records.PulsesSent, records.Count, zAlice.Count, key.SampledQber, key.Qber, key.Cascade, key.VerificationPassed,
            finite, distilled.Key, distilled.KeysIdentical);
    }
}
