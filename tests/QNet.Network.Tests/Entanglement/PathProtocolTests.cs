using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Tests.Entanglement;

public class PathProtocolTests
{
    // Every comparison below is the mean of many lane waiting times against an exact value;
    // the tolerance is five standard errors of that mean, estimated from the same sample.
    // Long enough for about 4,000 end-to-end pairs at the expected waiting time (1 ms rounds).
    private static double SecondsFor(double expectedRounds) => 4000 * expectedRounds * 1e-3;

    private static void AssertWithinFiveStandardErrors(double expectedRounds, QNet.Network.Entanglement.PathStatistics stats)
    {
        double expectedSeconds = expectedRounds * 1e-3;
        Assert.True(stats.WaitingTimes > 2000, $"only {stats.WaitingTimes} waiting times");
        double se = stats.WaitingTimeStandardError;
        Assert.InRange(stats.MeanWaitingTimeSeconds, expectedSeconds - 5 * se, expectedSeconds + 5 * se);
    }

    [Theory]
    [InlineData(0.3, 1.0, false)]
    [InlineData(0.3, 1.0, true)]
    [InlineData(0.1, 0.5, false)]
    [InlineData(0.5, 0.7, true)]
    public void TwoSegments_WaitingTime_MatchesClosedForm(double p, double a, bool nested)
    {
        // E[T] = (3 − 2p) / (a·p(2 − p)).
        double expected = (3 - 2 * p) / (a * p * (2 - p));
        var (stats, _) = ChainHarness.Run(2, p, a, nested, null, SecondsFor(expected), seed: 1);
        AssertWithinFiveStandardErrors(expected, stats);
    }

    [Theory]
    [InlineData(0.2, 0)]
    [InlineData(0.2, 2)]
    [InlineData(0.4, 5)]
    public void TwoSegments_WithCutoff_MatchesClosedForm(double p, int m)
    {
        double q = 1 - p;
        // E[T] = (1 + 2q(1 − q^m)) / (1 − q² − 2p·q^{m+1}).
        double expected = (1 + 2 * q * (1 - Math.Pow(q, m))) / (1 - q * q - 2 * p * Math.Pow(q, m + 1));
        var (stats, _) = ChainHarness.Run(2, p, 1.0, false, null, SecondsFor(expected), seed: 2, cutoff: SimTime.FromMilliseconds(m));
        AssertWithinFiveStandardErrors(expected, stats);
        Assert.True(m > 3 || stats.CutoffDiscards > 0);
    }

    [Theory]
    [InlineData(4, 0.3, false)]
    [InlineData(4, 0.3, true)]
    [InlineData(8, 0.5, true)]
    [InlineData(5, 0.4, false)]
    public void DeterministicSwaps_WaitingTime_IsExpectedMaximumOfGeometrics(int n, double p, bool nested)
    {
        // E[T] = Σ_{k=1}^{n} (−1)^{k+1} C(n,k) / (1 − (1−p)^k).
        double expected = 0, binom = 1;
        for (int k = 1; k <= n; k++)
        {
            binom = binom * (n - k + 1) / k;
            expected += (k % 2 == 1 ? 1 : -1) * binom / (1 - Math.Pow(1 - p, k));
        }
        var (stats, _) = ChainHarness.Run(n, p, 1.0, nested, null, SecondsFor(expected), seed: 3);
        AssertWithinFiveStandardErrors(expected, stats);
    }

    [Theory]
    [InlineData(3, 0.3, 0.6, false)]
    [InlineData(4, 0.4, 0.5, false)]
    [InlineData(4, 0.4, 0.5, true)]
    [InlineData(3, 0.2, 0.8, true)]
    public void ProbabilisticSwaps_WaitingTime_MatchesMarkovChain(int n, double p, double a, bool nested)
    {
        double expected = ChainMarkovModel.ExpectedRounds(n, p, a, nested);
        var (stats, _) = ChainHarness.Run(n, p, a, nested, null, SecondsFor(expected), seed: 4);
        AssertWithinFiveStandardErrors(expected, stats);
    }

    [Fact]
    public void MarkovChain_TwoSegments_ReproducesClosedForm()
    {
        // The test model itself, checked where the closed form is known.
        double p = 0.3, a = 0.6;
        Assert.Equal((3 - 2 * p) / (a * p * (2 - p)), ChainMarkovModel.ExpectedRounds(2, p, a, false), 9);
    }

    [Fact]
    public void WernerLinks_IdealSwaps_FidelityFollowsChainFormula()
    {
        // n Werner links with parameter w, ideal swaps, no decoherence: F = 1/4 + (3/4)wⁿ.
        double f = 0.95, w = (4 * f - 1) / 3;
        var (_, harness) = ChainHarness.Run(4, 0.5, 1.0, false, null, seconds: 0.2, seed: 5, linkFidelity: f);
        Assert.NotEmpty(harness.Fidelities);
        foreach (double fid in harness.Fidelities)
        {
            Assert.Equal(0.25 + 0.75 * Math.Pow(w, 4), fid, 12);
        }
    }

    [Fact]
    public void NoisyMeasurement_FidelityFollowsBdczFormula()
    {
        // Two Werner links, BSM with gate depolarising g and readout error e:
        // w = (1−g)·(4(1−e)² − 1)/3 · w1·w2.
        double f = 0.9, w = (4 * f - 1) / 3, g = 0.02, e = 0.01;
        var bsm = new BellStateMeasurement(1, g, e);
        var (_, harness) = ChainHarness.Run(2, 0.5, 1.0, false, null, seconds: 0.1, seed: 6, linkFidelity: f, bsm: bsm);
        double wOut = (1 - g) * (4 * (1 - e) * (1 - e) - 1) / 3 * w * w;
        Assert.All(harness.Fidelities, fid => Assert.Equal((1 + 3 * wOut) / 4, fid, 12));
    }

    [Fact]
    public void WaitingPairs_Dephase_FidelityBelowIdealAndAboveFloor()
    {
        // Pairs that wait in memories with T2 = 5 ms lose fidelity: every delivered pair lies strictly
        // between the dephased floor and the no-wait value.
        var memory = new QuantumMemory(2, double.PositiveInfinity, 0.005);
        var (_, harness) = ChainHarness.Run(2, 0.2, 1.0, false, new PathMemory(4, 4), seconds: 2, seed: 7, memory: memory);
        Assert.True(harness.Fidelities.Count > 100);
        Assert.Contains(harness.Fidelities, x => x < 0.99);
        Assert.All(harness.Fidelities, x => Assert.InRange(x, 0.5, 1.0));
    }

    [Fact]
    public void LinkLengths_DelayDeliveryBySwapMessages()
    {
        // Deterministic links (p = 1) of 200 km: each herald arrives after τ + L/c, and the end-to-end pair
        // is ready when the swap result from the middle has reached both ends (another L/c).
        var (stats, _) = ChainHarness.Run(2, 1.0, 1.0, false, null, seconds: 0.1, seed: 8, linkLengthMetres: 200_000);
        double cycle = 1e-3 + 200_000 / 2e8;
        Assert.Equal(cycle + 200_000 / 2e8, stats.MeanWaitingTimeSeconds, 9);
    }

    [Fact]
    public void Engines_PerAttemptAndSkipping_AgreeOnWaitingTime()
    {
        var (skip, _) = ChainHarness.Run(3, 0.3, 0.8, false, null, seconds: 40, seed: 9);
        var (each, _) = ChainHarness.Run(3, 0.3, 0.8, false, null, seconds: 40, seed: 10, engine: LinkEngine.PerAttempt);
        double se = Math.Sqrt(Math.Pow(skip.WaitingTimeStandardError, 2) + Math.Pow(each.WaitingTimeStandardError, 2));
        Assert.InRange(skip.MeanWaitingTimeSeconds - each.MeanWaitingTimeSeconds, -5 * se, 5 * se);
    }

    [Fact]
    public void Pipelining_FreedRepeaterSlotsReused_RaisesRateOfLongChain()
    {
        // Eight segments, one slot per repeater side: with pipelining a repeater's slots work again right
        // after its swap, so segments behind a growing pair start the next pair early.
        var (textbook, _) = ChainHarness.Run(8, 0.2, 1.0, false, ChainHarness.Textbook, seconds: 20, seed: 11);
        var (pipelined, _) = ChainHarness.Run(8, 0.2, 1.0, false, new PathMemory(1, 1), seconds: 20, seed: 11);
        double se = Math.Sqrt(Math.Pow(textbook.WaitingTimeStandardError, 2) + Math.Pow(pipelined.WaitingTimeStandardError, 2));
        Assert.True(textbook.MeanWaitingTimeSeconds - pipelined.MeanWaitingTimeSeconds > 5 * se,
            $"textbook {textbook.MeanWaitingTimeSeconds}, pipelined {pipelined.MeanWaitingTimeSeconds}, se {se}");
    }

    [Fact]
    public void MoreSlots_Multiplexing_ScalesRate()
    {
        // Two segments with four slots everywhere behave like four independent single-slot chains.
        double expected = (3 - 2 * 0.3) / (0.3 * (2 - 0.3));
        var (one, _) = ChainHarness.Run(2, 0.3, 1.0, false, ChainHarness.Textbook, seconds: 20, seed: 12);
        var (four, _) = ChainHarness.Run(2, 0.3, 1.0, false, new PathMemory(4, 4), seconds: 20, seed: 12);
        double rateOne = one.EndToEndPairs / 20.0, rateFour = four.EndToEndPairs / 20.0;
        Assert.InRange(rateOne, 0.9 / (expected * 1e-3), 1.1 / (expected * 1e-3));
        Assert.True(rateFour > 3.5 * rateOne, $"one {rateOne}/s, four {rateFour}/s");
    }
}
