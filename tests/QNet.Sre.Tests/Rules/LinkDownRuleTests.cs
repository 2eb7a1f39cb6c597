using QNet.Sre.Generation;
using QNet.Sre.Rules;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Rules;

/// <summary>
/// <c>QNetLinkDown</c> in the in-process evaluator, on the scenarios the generated promtool test also runs
/// (<see cref="LinkDownScenarios"/>; PromtoolTests checks promtool agrees).
/// </summary>
public sealed class LinkDownRuleTests
{
    private static readonly RuleGroup Group = RuleBuilder.Build(GeneratedOutput.DefaultSpecs, RuleOptions.Default).Single(g => g.Name == "qnet-link-down");

    private static readonly IReadOnlyList<TimeSpan> Minutes = Enumerable.Range(0, LinkDownScenarios.End + 1).Select(m => TimeSpan.FromMinutes(m)).ToList();

    [Fact]
    public void LinkDown_CutAndRepair_FiresForTheCutLinkTwoMinutesAfterTheCutAndResolvesAtTheRepair()
    {
        var firing = Firing("link-down: cut and repair");

        // Rules every minute, for: 2m. Down from minute 30: pending at 30, firing from 32; up again at 60.
        Assert.Equal(Enumerable.Range(LinkDownScenarios.CutStart + 2, LinkDownScenarios.CutEnd - LinkDownScenarios.CutStart - 2), firing.Select(f => f.Minute));
        Assert.All(firing, f => Assert.Equal("test-link", Assert.Single(f.Links)));
        var labels = AlertPredictor.Predict([Group], Scenario("link-down: cut and repair"), [TimeSpan.FromMinutes(40)], [RuleNames.LinkDownAlert])
            .Single().Firing.Single().Labels;
        Assert.Equal("page", labels["severity"]);
        Assert.Equal("F1", labels[RuleNames.FailureModeLabel]);
    }

    [Fact]
    public void LinkDown_IdleLinkUpWithoutPairs_NeverFires()
    {
        // A healthy link no session uses: up, and its pair counter flat at its last value for 90 minutes.
        var flat = Enumerable.Range(0, LinkDownScenarios.End + 1).Select(_ => (double?)1200).ToList();
        var up = Enumerable.Range(0, LinkDownScenarios.End + 1).Select(_ => (double?)1).ToList();
        var labels = new Dictionary<string, string> { ["link"] = "idle" };
        var scenario = new TestScenario("idle", TimeSpan.FromMinutes(1),
        [
            new ScenarioSeries(MetricCatalogue.Total(MetricCatalogue.LinkPairsGenerated), labels, flat),
            new ScenarioSeries(MetricCatalogue.LinkUp, labels, up),
        ]);

        var checkpoints = AlertPredictor.Predict([Group], scenario, Minutes, [RuleNames.LinkDownAlert]);

        Assert.All(checkpoints, c => Assert.Empty(c.Firing));
    }

    [Theory]
    [InlineData("link-down: cut during maintenance")]
    [InlineData("link-down: a one-minute blip")]
    public void LinkDown_MaintenanceOrShortBlip_NeverFires(string scenario)
    {
        Assert.Empty(Firing(scenario));
    }

    private static TestScenario Scenario(string prefix) =>
        LinkDownScenarios.All().Single(s => s.Scenario.Name.StartsWith(prefix, StringComparison.Ordinal)).Scenario;

    private static List<(int Minute, List<string> Links)> Firing(string prefix) =>
        AlertPredictor.Predict([Group], Scenario(prefix), Minutes, [RuleNames.LinkDownAlert])
            .Where(c => c.Firing.Count > 0)
            .Select(c => ((int)c.EvalTime.TotalMinutes, c.Firing.Select(f => f.Labels["link"]).ToList()))
            .ToList();
}
