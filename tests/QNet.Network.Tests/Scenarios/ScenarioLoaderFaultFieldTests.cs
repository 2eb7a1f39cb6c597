using QNet.Network.Scenarios;
using QNet.Physics.Hardware;
using static QNet.Network.Tests.Scenarios.ErrorAssert;

namespace QNet.Network.Tests.Scenarios;

/// <summary>
/// The fault-cause fields (visibility, backgroundRate, deadTime, processingDelay): read with their units,
/// defaults that change nothing, and file:line errors naming the field.
/// </summary>
public sealed class ScenarioLoaderFaultFieldTests
{
    private static Scenario Load(string yaml)
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(yaml, "t.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.Message)));
        return result.Scenario!;
    }

    [Fact]
    public void Parse_FaultFieldsGiven_ReadsThemInInternalUnits()
    {
        Scenario scenario = Load("""
            name: t
            nodes:
              - { id: alice, kind: end, processingDelay: 2ms }
              - { id: bob, kind: end }
            links:
              - id: ab
                between: [alice, bob]
                length: 10km
                heralding: double-click
                visibility: 0.9
                detector: { efficiency: 0.8, darkCountRate: 10Hz, backgroundRate: 5kHz, deadTime: 50ns }
            """);

        LinkSpec link = scenario.FindLink("ab")!;
        Assert.Equal(0.9, link.Visibility);
        Assert.Equal(5000.0, link.Detector!.BackgroundRateHz);
        Assert.Equal(50e-9, link.Detector.DeadTimeSeconds, 1e-20);
        Assert.Equal(2e-3, scenario.Nodes.Single(n => n.Id == "alice").ProcessingDelaySeconds, 1e-15);
        Assert.Equal(0.0, scenario.Nodes.Single(n => n.Id == "bob").ProcessingDelaySeconds);
    }

    [Fact]
    public void Parse_FaultFieldsAbsent_DefaultsChangeNothing()
    {
        Scenario scenario = Load("""
            name: t
            nodes: [ { id: alice, kind: end }, { id: bob, kind: end } ]
            links:
              - { id: ab, between: [alice, bob], length: 10km, heralding: single-click, brightStatePopulation: 0.1, detector: { darkCountRate: 10Hz } }
            """);

        LinkSpec link = scenario.FindLink("ab")!;
        Assert.Equal(1.0, link.Visibility);
        Assert.Equal(0.0, link.Detector!.BackgroundRateHz);
        Assert.Equal(0.0, link.Detector.DeadTimeSeconds);
        Assert.Equal(new Detector(1, 10).DarkCountProbability, link.Detector.DarkCountProbability);
        Assert.All(scenario.Nodes, n => Assert.Equal(0.0, n.ProcessingDelaySeconds));
    }

    [Fact]
    public void Parse_VisibilityAboveOne_ReportsFieldAndRange()
    {
        ScenarioError error = LinkError("length: 1km, heralding: double-click, visibility: 1.2");

        AssertError(error, 6, "links[0].visibility", "must lie between 0 and 1");
    }

    [Fact]
    public void Parse_VisibilityOnDirectLink_IsRefusedAsNotInterfering()
    {
        ScenarioError error = LinkError("length: 1km, heralding: direct, visibility: 0.9");

        AssertError(error, 6, "links[0].visibility", "applies only to single-click and double-click links");
    }

    [Fact]
    public void Parse_NegativeBackgroundRate_ReportsField()
    {
        ScenarioError error = LinkError("length: 1km, heralding: direct, detector: { backgroundRate: -1Hz }");

        AssertError(error, 6, "links[0].detector.backgroundRate", "must not be negative");
    }

    [Fact]
    public void Parse_DeadTimeWithoutUnit_ReportsField()
    {
        ScenarioError error = LinkError("length: 1km, heralding: direct, detector: { deadTime: 50 }");

        Assert.Equal("links[0].detector.deadTime", error.Field);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void Parse_NegativeProcessingDelay_ReportsNodeField()
    {
        ScenarioError error = OnlyError("name: t\nnodes:\n  - { id: a, kind: end, processingDelay: -1ms }\n");

        AssertError(error, 3, "nodes[0].processingDelay", "must not be negative");
    }
}
