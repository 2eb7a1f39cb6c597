using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Network.Tests.Sessions;

/// <summary>
/// A link's generation channels shared by the sessions on it (issue 17 §1). One abstract link, p = 0.2 per 1 ms
/// attempt, no length, so a delivered pair is consumed in the instant it is heralded. A channel kept busy heralds after
/// a geometric number of attempts, so its count over T is a renewal count with mean T·p/τ and variance T·p(1−p)/τ;
/// tolerances are five of those standard deviations.
/// </summary>
public class SharedChannelTests
{
    private const double P = 0.2;
    private const double Tau = 1e-3;

    private static string TwoNodes(string channels, string sessions, string duration = "20s") => $$"""
        name: shared
        duration: {{duration}}
        nodes:
          - { id: alice, kind: end, memory: { slots: 64 } }
          - { id: bob, kind: end, memory: { slots: 64 } }
        links:
          - { id: a-b, between: [alice, bob], heralding: probabilistic, successProbability: {{P}}, attemptDuration: 1ms, fidelity: 0.95 {{channels}} }
        sessions:
        {{sessions}}
        """;

    private static RunResult Run(string yaml, double seconds, ulong seed)
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(yaml, "test.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return NetworkRun.Run(result.Scenario!, seed, SimTime.FromSeconds(seconds));
    }

    private static string Sessions(int n, string extra = "memorySlots: 4") =>
        string.Join("\n", Enumerable.Range(0, n).Select(i => $"  - {{ id: s{i}, source: alice, destination: bob, {extra} }}"));

    // Mean and standard deviation of the pairs that `channels` busy channels herald in `seconds`.
    private static (double Mean, double Sd) Busy(int channels, double seconds) =>
        (channels * seconds * P / Tau, Math.Sqrt(channels * seconds * P * (1 - P) / Tau));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void SharedChannels_AnyNumberOfSessions_TotalRateIsChannelsTimesPerChannelRate(int sessions)
    {
        // Each session has 4 memory-slot pairs, more than the link's 2 channels: the channels never idle, and the
        // link's total is 2·p/τ = 400 pairs/s however many sessions share it.
        const double seconds = 20;
        RunResult run = Run(TwoNodes(", channels: 2", Sessions(sessions)), seconds, seed: (ulong)(40 + sessions));
        long pairs = run.Links.Single().Pairs;
        var (mean, sd) = Busy(2, seconds);
        Assert.InRange(pairs, mean - 5 * sd, mean + 5 * sd);
        Assert.Equal(pairs, run.Sessions.Sum(s => s.Pairs));
    }

    [Fact]
    public void PerMemoryChannels_MoreSessions_TotalRateGrows()
    {
        // The default (channels: per-memory, as before channels existed): every memory-slot pair of every session is a
        // channel, so three sessions of 4 slots attempt on 12 channels.
        const double seconds = 5;
        RunResult run = Run(TwoNodes(", channels: per-memory", Sessions(3)), seconds, seed: 50);
        var (mean, sd) = Busy(12, seconds);
        Assert.InRange(run.Links.Single().Pairs, mean - 5 * sd, mean + 5 * sd);
    }

    [Fact]
    public void RoundRobin_TwoBusySessions_TakeStrictTurns()
    {
        // One channel, two sessions that always wait for it: the grants alternate, one pair each.
        RunResult run = Run(TwoNodes(", channels: 1, sharing: round-robin", Sessions(2, "memorySlots: 2")), 20, seed: 51);
        long a = run.Sessions[0].Pairs, b = run.Sessions[1].Pairs;
        Assert.InRange(a - b, -1, 1);
        var (mean, sd) = Busy(1, 20);
        Assert.InRange(a + b, mean - 5 * sd, mean + 5 * sd);
    }

    [Fact]
    public void Proportional_RequestedRates_SplitInTheirRatio()
    {
        // Requested 100 and 300 pairs/s on one channel of 200 pairs/s: stride scheduling gives grants 1 : 3.
        const string sessions = """
              - { id: slow, source: alice, destination: bob, rate: 100Hz, memorySlots: 2 }
              - { id: fast, source: alice, destination: bob, rate: 300Hz, memorySlots: 2 }
            """;
        RunResult run = Run(TwoNodes(", channels: 1, sharing: proportional", sessions), 20, seed: 52);
        long slow = run.Sessions[0].Pairs, fast = run.Sessions[1].Pairs;
        Assert.True(slow > 100, $"slow {slow}");
        // Exact up to the last turn of the cycle of four grants.
        Assert.InRange(slow / (double)(slow + fast), 0.25 - 2.0 / (slow + fast), 0.25 + 2.0 / (slow + fast));
    }

    [Fact]
    public void Priority_HigherHasDemand_LowerStarvesUntilItEnds()
    {
        const string sessions = """
              - { id: low, source: alice, destination: bob, priority: 0, memorySlots: 2 }
              - { id: high, source: alice, destination: bob, priority: 5, memorySlots: 2, duration: 5s }
            """;
        string yaml = TwoNodes(", channels: 1, sharing: priority", sessions);

        RunResult during = Run(yaml, 5, seed: 53);
        Assert.Equal(0, during.Sessions.Single(s => s.Id == "low").Pairs);
        var (mean, sd) = Busy(1, 5);
        Assert.InRange(during.Sessions.Single(s => s.Id == "high").Pairs, mean - 5 * sd, mean + 5 * sd);

        // Once the higher session ends, the lower one gets the channel: about 5 s of it.
        RunResult after = Run(yaml, 10, seed: 53);
        Assert.InRange(after.Sessions.Single(s => s.Id == "low").Pairs, mean - 5 * sd, mean + 5 * sd);
    }

    [Fact]
    public void SharedChannels_SameSeed_SameRun()
    {
        string yaml = TwoNodes(", channels: 2, sharing: round-robin", Sessions(3));
        RunResult one = Run(yaml, 2, seed: 54), two = Run(yaml, 2, seed: 54);
        Assert.Equal(one.Sessions.Select(s => s.Pairs), two.Sessions.Select(s => s.Pairs));
        Assert.Equal(one.Events, two.Events);
    }
}
