using QNet.Kernel;
using QNet.Physics.States;
using QNet.Qkd.Bbm92;
using QNet.Qkd.PostProcessing;

namespace QNet.Qkd.Tests.Bbm92;

public class Bbm92NetworkMeasurementTests
{
    [Fact]
    public void Measure_BellDiagonalPairs_QberPerBasisFromWeights()
    {
        // Q_Z = λX + λY and Q_X = λZ + λY (reference); binomial, 5 standard errors.
        var state = new BellDiagonalState(0.9, 0.04, 0.01, 0.05);
        var records = Bbm92NetworkMeasurement.Measure(Enumerable.Repeat(state, 400_000), 0.5, new RandomStream(6));
        Assert.Equal(400_000, records.Count);
        double[] expected = [0.04 + 0.01, 0.05 + 0.01];
        for (int basis = 0; basis < 2; basis++)
        {
            int n = 0, errors = 0;
            for (int i = 0; i < records.Count; i++)
            {
                if (records.AliceBasis[i] == basis && records.BobBasis[i] == basis)
                {
                    n++;
                    errors += records.AliceBit[i] ^ records.BobBit[i];
                }
            }
            double se = Math.Sqrt(expected[basis] * (1 - expected[basis]) / n);
            Assert.InRange((double)errors / n, expected[basis] - 5 * se, expected[basis] + 5 * se);
        }
    }

    [Fact]
    public void Process_WernerPairsFromNetwork_SameKeyAndRateBelowAsymptotic()
    {
        // Werner pairs of fidelity 0.97 (Q = 2 %): the finite-key fraction per pair must stay below
        // the asymptotic p_Z²·(1 − h(Q_X) − f·h(Q_Z)) with f the measured Cascade efficiency.
        var state = BellDiagonalState.Werner(0.97);
        var records = Bbm92NetworkMeasurement.Measure(Enumerable.Repeat(state, 1_200_000), 0.8, new RandomStream(61));
        var result = new Bbm92PostProcessor(new PostProcessingOptions(), new RandomStream(62)).Process(records, "a", "b", SimTime.Zero);
        Assert.Equal(QkdBlockOutcome.KeyProduced, result.Outcome);
        Assert.True(result.KeysIdentical);
        double q = 2 * (1 - 0.97) / 3;
        double keyBits = result.SiftedKeyBits - result.SampledQber.SampleBits;
        double f = result.Cascade.Efficiency((int)keyBits, result.Qber);
        double h = QNet.Qkd.Theory.BinaryEntropy.Of(q);
        Assert.True(result.SecretBitsPerPulse < 0.64 * (1 - h - f * h), $"{result.SecretBitsPerPulse}");
        Assert.True(result.SecretBitsPerPulse > 0.5 * 0.64 * (1 - h - f * h), $"{result.SecretBitsPerPulse}: finite-size loss larger than expected at 7.7e5 key bits");
    }
}
