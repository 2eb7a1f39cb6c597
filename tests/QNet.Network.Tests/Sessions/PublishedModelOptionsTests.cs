using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using QNet.Network.Simulation;
using QNet.Network.Tests.Entanglement;
using QNet.Physics.States;

namespace QNet.Network.Tests.Sessions;

/// <summary>
/// Scenario options that published repeater models need (issue 17 §3): pipelining off, where a link's fidelity holds,
/// a cut-off of zero, and the waiting-time distribution of each session. Abstract links of p per 1 ms attempt, no
/// length; tolerances are five standard errors of the sampled mean.
/// </summary>
public class PublishedModelOptionsTests
{
    private const double Tau = 1e-3;

    // A chain alice – r1 – … – bob of `segments` abstract links with deterministic swaps.
    private static string Chain(int segments, double p, string session, string linkExtra = "", string memory = "{ slots: 4 }") =>
        $$"""
        name: chain
        duration: 1s
        nodes:
          - { id: n0, kind: end, memory: {{memory}} }
        {{string.Join("\n", Enumerable.Range(1, segments - 1).Select(i => $"  - {{ id: n{i}, kind: repeater, memory: {memory}, swap: {{ protocol: asap, successProbability: 1 }} }}"))}}
          - { id: n{{segments}}, kind: end, memory: {{memory}} }
        links:
        {{string.Join("\n", Enumerable.Range(0, segments).Select(j => $"  - {{ id: l{j}, between: [n{j}, n{j + 1}], heralding: probabilistic, successProbability: {p}, attemptDuration: 1ms, fidelity: 0.95{linkExtra} }}"))}}
        sessions:
          - { id: s, source: n0, destination: n{{segments}}, memorySlots: 1{{session}} }
        """;

    private static RunResult Run(string yaml, double seconds, ulong seed)
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(yaml, "test.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return NetworkRun.Run(result.Scenario!, seed, SimTime.FromSeconds(seconds));
    }

    // Five standard errors of the mean of a geometric waiting time (in rounds of τ) with success probability q.
    private static double FiveSe(double q, long n) => 5 * Tau * Math.Sqrt(1 - q) / q / Math.Sqrt(n);

    [Fact]
    public void PipeliningFalse_FourSegmentChain_WaitingTimeMatchesTextbookMarkovChain()
    {
        // The textbook model (Shchukin, Schmidt, van Loock 2019): one slot per side, a covered segment idle until the
        // end-to-end pair is delivered. Its exact mean waiting time comes from the absorbing Markov chain.
        const double p = 0.3;
        double expected = ChainMarkovModel.ExpectedRounds(4, p, 1.0, nested: false) * Tau;
        SessionReport s = Run(Chain(4, p, ", pipelining: false"), 60, seed: 60).Sessions.Single();
        Assert.True(s.Pairs > 1000, $"pairs {s.Pairs}");
        // The waiting time is at most the sum of four geometric waits; its spread is below that of the whole mean.
        double tolerance = 5 * expected / Math.Sqrt(s.Pairs);
        Assert.InRange(s.WaitingTimes.MeanSeconds, expected - tolerance, expected + tolerance);
        Assert.Equal(s.Pairs, s.WaitingTimes.Count);
    }

    [Fact]
    public void PipeliningFalse_EightSegmentChain_SlowerThanPipelined()
    {
        // With pipelining a repeater works again right after its swap; the textbook model waits for the delivery.
        SessionReport textbook = Run(Chain(8, 0.2, ", pipelining: false", memory: "{ slots: 2 }"), 20, seed: 61).Sessions.Single();
        SessionReport pipelined = Run(Chain(8, 0.2, "", memory: "{ slots: 2 }"), 20, seed: 61).Sessions.Single();
        Assert.True(textbook.Pairs < 0.9 * pipelined.Pairs, $"textbook {textbook.Pairs}, pipelined {pipelined.Pairs}");
    }

    [Fact]
    public void CutoffZero_TwoSegments_PairUsedOnlyInItsRound_RateIsPSquaredPerRound()
    {
        // With a cut-off of zero a link pair survives only if the other segment heralds in the same round: each round
        // delivers with probability p², so the waiting time is geometric(p²) rounds: mean τ/p², median 8 rounds for p = 0.3.
        const double p = 0.3, q = p * p;
        SessionReport s = Run(Chain(2, p, ", cutoff: 0s"), 100, seed: 62).Sessions.Single();
        Assert.InRange(s.WaitingTimes.MeanSeconds, Tau / q - FiveSe(q, s.Pairs), Tau / q + FiveSe(q, s.Pairs));
        double median = Math.Ceiling(Math.Log(0.5) / Math.Log(1 - q)) * Tau;
        Assert.InRange(s.WaitingTimes.P50Seconds, median / 1.012, median * 1.012);
        Assert.True(s.Failures[QNet.Network.Entanglement.LossReason.Cutoff] > s.Pairs, "most link pairs are discarded at the cut-off");
    }

    [Fact]
    public void CutoffZero_IsAcceptedByLoaderAndRequestRules()
    {
        Assert.True(SessionRequestRules.CutoffSeconds.Contains(0));
        ScenarioLoadResult result = ScenarioLoader.Parse(Chain(2, 0.5, ", cutoff: 0s"), "test.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(0, result.Scenario!.Sessions[0].CutoffSeconds);
    }

    [Fact]
    public void WaitingTimes_TwoSegmentsDefault_MeanMatchesClosedForm()
    {
        // Two segments, one slot: the pair arrives when both segments have one, E[max of two geometrics] rounds.
        const double p = 0.3;
        double expected = (3 - 2 * p) / (p * (2 - p)) * Tau;
        SessionReport s = Run(Chain(2, p, ""), 60, seed: 63).Sessions.Single();
        double tolerance = 5 * expected / Math.Sqrt(s.Pairs);
        Assert.InRange(s.WaitingTimes.MeanSeconds, expected - tolerance, expected + tolerance);
        Assert.True(s.WaitingTimes.P10Seconds <= s.WaitingTimes.P50Seconds && s.WaitingTimes.P50Seconds <= s.WaitingTimes.P90Seconds);
    }

    [Fact]
    public void FidelityAtHerald_DecoheringMemories_PairHasLinkFidelityAtHerald()
    {
        // 20 km of fiber: each memory waits τ + 100 µs for the herald. At emission (the default) both T2 = 10 ms memories
        // dephase meanwhile; at the herald the pair has exactly the given Werner fidelity.
        const string memory = "{ slots: 1, t1: 1s, t2: 10ms }";
        RunResult emission = Run(Chain(1, 0.5, "", ", length: 20km", memory), 1, seed: 64);
        RunResult herald = Run(Chain(1, 0.5, "", ", length: 20km, fidelityAt: herald", memory), 1, seed: 64);
        Assert.Equal(0.95, herald.Links.Single().MeanFidelity, 12);
        double wait = Tau + 20e3 / 2e8;
        double expected = BellDiagonalState.Werner(0.95).Decohere(wait, 1, 10e-3).Decohere(wait, 1, 10e-3).Fidelity;
        Assert.Equal(expected, emission.Links.Single().MeanFidelity, 12);
        Assert.True(expected < 0.95 - 1e-3);
    }
}
