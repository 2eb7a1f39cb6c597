using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Network.Tests.Simulation;

/// <summary>A scenario's node <c>processingDelay</c> reaches the sessions' paths and lowers the delivered fidelity as dephasing says.</summary>
public sealed class ProcessingDelayScenarioTests
{
    private static string TwoNodes(string delay) => $$"""
        name: delay
        nodes:
          - { id: alice, kind: end, memory: { t2: 10ms }, processingDelay: {{delay}} }
          - { id: bob, kind: end, memory: { t2: 10ms } }
        links:
          - { id: ab, between: [alice, bob], heralding: probabilistic, successProbability: 1, attemptDuration: 1ms, fidelity: 1 }
        sessions:
          - { id: s, source: alice, destination: bob, minFidelity: 0.5 }
        """;

    [Fact]
    public void Run_ProcessingDelayOnOneEnd_EveryPairDephasedOverTheLongerHeraldWait()
    {
        double withDelay = MeanFidelity("2ms");
        double without = MeanFidelity("0s");

        // p = 1 and no length: each pair waits attempt (1 ms) + alice's processing (2 ms) in both memories.
        // Pure dephasing of both halves (T1 = ∞ as the file gives none, t2 = 10 ms): F = (1 + e^{−2t/T2})/2.
        Assert.Equal((1 + Math.Exp(-2 * 3e-3 / 10e-3)) / 2, withDelay, 9);
        Assert.Equal((1 + Math.Exp(-2 * 1e-3 / 10e-3)) / 2, without, 9);
    }

    [Fact]
    public void LinkLayerRun_ProcessingDelayOnOneEnd_HeraldLatencyAndCycleGrowByIt()
    {
        ScenarioLoadResult loaded = ScenarioLoader.Parse(TwoNodes("2ms"), "delay.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        LinkReport report = Assert.Single(LinkLayerRun.Run(LinkRunSpec.Of(loaded.Scenario!), 1, SimTime.FromSeconds(0.3)).Links);

        // The herald is acted on 1 ms (attempt) + 2 ms (alice's processing) after emission; with p = 1 the
        // next attempt waits for it, so one pair per 3 ms.
        Assert.Equal(3e-3, report.MeanHeraldingLatencySeconds, 12);
        Assert.InRange(report.Pairs, 99, 100); // 99 or 100, as the herald at exactly 0.3 s counts or not
        Assert.Equal((1 + Math.Exp(-2 * 3e-3 / 10e-3)) / 2, report.MeanFidelity, 12);
    }

    private static double MeanFidelity(string delay)
    {
        ScenarioLoadResult loaded = ScenarioLoader.Parse(TwoNodes(delay), "delay.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var session = Assert.Single(NetworkRun.Run(loaded.Scenario!, 1, SimTime.FromSeconds(0.5)).Sessions);
        Assert.True(session.Pairs > 50, $"{session.Pairs} pairs");
        return session.MeanFidelity;
    }
}
