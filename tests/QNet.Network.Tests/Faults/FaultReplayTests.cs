using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using QNet.Network.Simulation;
using QNet.Network.Tests.Scenarios;

namespace QNet.Network.Tests.Faults;

public class FaultReplayTests
{
    private static Scenario MetroFaults()
    {
        var result = ScenarioLoader.LoadFile(Path.Combine(ShippedScenarioTests.ScenariosFolder(), "metro-faults.yaml"), ScenarioUse.Simulation);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Scenario!;
    }

    [Fact]
    public void Run_MetroFaults_SameSeedSameRunAndTheCutCostsPairs()
    {
        Scenario scenario = MetroFaults();
        SimTime duration = SimTime.FromSeconds(230); // before carol-hub's first calibration outage at 240 s
        RunResult first = NetworkRun.Run(scenario, 5, duration);
        RunResult again = NetworkRun.Run(scenario, 5, duration);
        RunResult healthy = NetworkRun.Run(scenario.WithoutFaults(), 5, duration);

        Assert.Equal(first.Sessions.Select(s => (s.Id, s.Outcome, s.Pairs)), again.Sessions.Select(s => (s.Id, s.Outcome, s.Pairs)));
        Assert.Equal(first.Events, again.Events);
        // alice's only link is cut from 1 to 3 min: alice-carol waits (suspended) for those two minutes, then runs again.
        SessionReport cut = first.Sessions.Single(s => s.Id == "metro-alice-carol");
        SessionReport normal = healthy.Sessions.Single(s => s.Id == "metro-alice-carol");
        Assert.True(cut.Outcome == SessionOutcome.Running, $"{cut.Outcome}: {cut.Reason} path {string.Join(",", cut.Path)} reroutes {cut.Reroutes}");
        Assert.True(cut.Pairs < normal.Pairs * 0.75, $"{cut.Pairs} pairs with the cut, {normal.Pairs} without");
        Assert.True(cut.Pairs > normal.Pairs * 0.25, $"{cut.Pairs} pairs with the cut, {normal.Pairs} without");
    }
}

internal static class ScenarioFaultExtensions
{
    public static Scenario WithoutFaults(this Scenario s) => new(s.Name, s.Seed, s.DurationSeconds, s.Nodes, s.Links, s.Sessions) { Description = s.Description };
}
