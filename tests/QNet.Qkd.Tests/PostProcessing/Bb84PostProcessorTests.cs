using QNet.Kernel;
using QNet.Qkd.Bb84;
using QNet.Qkd.PostProcessing;
using QNet.Qkd.Theory;
using Xunit.Abstractions;

namespace QNet.Qkd.Tests.PostProcessing;

public class Bb84PostProcessorTests(ITestOutputHelper output)
{
    private sealed class RecordingSink : IQkdKeySink
    {
        public List<QkdKeyBlock> Keys { get; } = [];

        public List<QkdBlockOutcome> Discards { get; } = [];

        public void Accept(QkdKeyBlock block) => Keys.Add(block);

        public void Discarded(string initiatorId, string responderId, SimTime at, QkdBlockOutcome outcome) => Discards.Add(outcome);
    }

    [Fact]
    public void RunBlock_ShortLink_SameKeyAtBothEndsAndQberAsTheory()
    {
        var link = QkdTestLinks.Gys(5);
        var protocol = new DecoyBb84Parameters();
        var sink = new RecordingSink();
        var session = new DecoyBb84Session(protocol, link, new PostProcessingOptions(), new RandomStream(4242), "a", "b", sink);
        var result = session.RunBlock(1_000_000);
        output.WriteLine($"pulses {result.Pulses}, sifted {result.SiftedKeyBits}, qber {result.Qber:F5}, f {result.Cascade.Efficiency(result.SiftedKeyBits - result.SampledQber.SampleBits, result.Qber):F3}, secret {result.SecretBits}, rate {result.SecretBitsPerPulse:E3}, s1 {result.FiniteKey.SinglePhotonEvents:E3}, phi {result.FiniteKey.PhaseErrorRate:F4}");

        Assert.Equal(QkdBlockOutcome.KeyProduced, result.Outcome);
        Assert.True(result.KeysIdentical);
        var key = Assert.Single(sink.Keys);
        Assert.Equal("a", key.InitiatorId);
        Assert.Equal(result.SecretBits, key.LengthBits);
        Assert.Equal(1e-10 + 1e-15, key.SecurityParameter);

        // Z-key QBER against the closed forms averaged over the intensity classes; the key holds
        // ~1e6 bits, so one binomial standard error is ~1.8e-4; 5 SE.
        double gain = 0, errors = 0;
        for (int k = 0; k < 3; k++)
        {
            double q = DecoyBb84Theory.Gain(link.Transmittance, protocol.Intensity(k), link.VacuumYield);
            gain += protocol.Probability(k) * q;
            errors += protocol.Probability(k) * q * DecoyBb84Theory.ErrorRate(link.Transmittance, protocol.Intensity(k), link.VacuumYield, link.Misalignment);
        }
        double e = errors / gain;
        double se = Math.Sqrt(e * (1 - e) / (result.SiftedKeyBits - result.SampledQber.SampleBits));
        Assert.InRange(result.Qber, e - 5 * se, e + 5 * se);
        Assert.InRange(e, result.SampledQber.Lower, result.SampledQber.Upper);

        // The single-photon bounds measured on the block enclose the true values from above/below.
        Assert.True(result.SinglePhoton.SinglePhotonYield <= DecoyBb84Theory.SinglePhotonYield(link.Transmittance, link.VacuumYield));
        Assert.True(result.SinglePhoton.SinglePhotonErrorRate >= DecoyBb84Theory.SinglePhotonErrorRate(link.Transmittance, link.VacuumYield, link.Misalignment));

        // Never above the repeaterless bound or the asymptotic rate of this protocol.
        Assert.True(result.SecretBitsPerPulse < PlobBound.BitsPerUse(link.ChannelTransmittance));
        Assert.True(result.SecretBitsPerPulse <= DecoyBb84Theory.AsymptoticRate(protocol, link));
    }

    [Fact]
    public void Process_NoTestSample_PrivacyAmplificationLengthFollowsFiniteKeyFormula()
    {
        var link = QkdTestLinks.Gys(0);
        var protocol = new DecoyBb84Parameters();
        var options = new PostProcessingOptions(TestSampleBits: 0);
        var records = new DecoyBb84Simulator(protocol, link, new RandomStream(8)).Run(1_500_000);
        var result = new Bb84PostProcessor(protocol, options, new RandomStream(9)).Process(records, "a", "b", SimTime.Zero);

        // Recount the key and test detections from the records, independently of the processor.
        var nz = new double[3];
        var nx = new double[3];
        var mx = new double[3];
        for (int i = 0; i < records.Count; i++)
        {
            if (records.AliceBasis[i] != records.BobBasis[i])
            {
                continue;
            }
            int k = records.IntensityClass[i];
            if (records.AliceBasis[i] == 0)
            {
                nz[k]++;
            }
            else
            {
                nx[k]++;
                mx[k] += records.AliceBit[i] ^ records.BobBit[i];
            }
        }
        double leak = result.Cascade.LeakedBits + PolynomialHash.TagBits;
        var expected = FiniteKeyLength.Compute(protocol, new DecoyCounts(nz, nx, mx), leak, options.EpsilonSecrecy, options.EpsilonCorrectness);
        Assert.True(expected.SecretBits > 0);
        Assert.Equal(QkdBlockOutcome.KeyProduced, result.Outcome);
        Assert.Equal(expected.SecretBits / 8 * 8, result.SecretBits);
        Assert.Equal(expected, result.FiniteKey);
    }

    [Fact]
    public void Process_ErrorCorrectionCutShort_VerificationDiscardsBlock()
    {
        // One Cascade pass at ~10 % QBER leaves blocks with an even number of errors uncorrected:
        // Bob's key is deliberately left corrupted and verification must catch it.
        var link = new QkdLink(QkdTestLinks.Gys(0).Fiber, Physics.Hardware.Detector.WithDarkCountProbability(0.045, 1.7e-6, 0.1));
        var protocol = new DecoyBb84Parameters();
        var records = new DecoyBb84Simulator(protocol, link, new RandomStream(10)).Run(100_000);
        var result = new Bb84PostProcessor(protocol, new PostProcessingOptions(CascadePasses: 1), new RandomStream(11)).Process(records, "a", "b", SimTime.Zero);
        Assert.Equal(QkdBlockOutcome.VerificationFailed, result.Outcome);
        Assert.False(result.VerificationPassed);
        Assert.Null(result.Key);
    }

    [Fact]
    public void RunBlock_FarBeyondRange_NoKeyAndCounted()
    {
        var sink = new RecordingSink();
        var session = new DecoyBb84Session(new DecoyBb84Parameters(), QkdTestLinks.Gys(250), new PostProcessingOptions(), new RandomStream(12), sink: sink);
        var result = session.RunBlock(50_000);
        Assert.Equal(QkdBlockOutcome.NoSecretKey, result.Outcome);
        Assert.Equal([QkdBlockOutcome.NoSecretKey], sink.Discards);
        Assert.Equal(1, session.Blocks[QkdBlockOutcome.NoSecretKey]);
    }
}
