using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Scenarios;

public class ScenarioLoaderFaultTests
{
    private const string Network = ScenarioTexts.TwoEndNodes;

    [Fact]
    public void Parse_FaultsAndCalibration_ReadWithUnitsAndDefaults()
    {
        var result = ScenarioLoader.Parse(Network + """
            faults:
              - { at: 1min, duration: 30s, kind: link-cut, target: l }
              - { kind: memory-t2-drop, target: bob, magnitude: 0.5 }
            calibration:
              - { target: l, every: 1h, duration: 10s, resets: [drift, visibility] }
              - { target: alice, every: 2h }
            """, "ok.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Scenario s = result.Scenario!;
        Assert.Equal([new FaultSpec(FaultKind.LinkCut, "l", 0, 60, 30), new FaultSpec(FaultKind.MemoryT2Drop, "bob", 0.5)], s.Faults);
        Assert.Equal([new CalibrationSpec("l", 3600, 10, CalibrationResets.Drift | CalibrationResets.Visibility), new CalibrationSpec("alice", 7200)], s.Calibration);
    }

    [Theory]
    [InlineData("{ kind: link-snip, target: l }", "faults[0].kind", "unknown fault kind 'link-snip'")]
    [InlineData("{ kind: link-cut, target: bob }", "faults[0].target", "'bob' is not an entanglement link")]
    [InlineData("{ kind: memory-t2-drop, target: carol, magnitude: 0.5 }", "faults[0].target", "'carol' is not a node")]
    [InlineData("{ kind: memory-t2-drop, target: bob, magnitude: 1.5 }", "faults[0].magnitude", "strictly between 0 and 1")]
    [InlineData("{ kind: memory-t2-drop, target: bob }", "faults[0].magnitude", "")]
    [InlineData("{ kind: link-cut, target: l, magnitude: 2 }", "faults[0].magnitude", "does not apply to link-cut")]
    [InlineData("{ kind: link-cut, target: l, duration: 0s }", "faults[0].duration", "")]
    [InlineData("{ kind: link-cut, target: l, at: -1s }", "faults[0].at", "")]
    public void Parse_BadFault_FileLineErrorNamingTheField(string item, string field, string message)
    {
        ScenarioError error = ErrorAssert.OnlyError(Network + "faults:\n  - " + item + "\n");
        ErrorAssert.AssertError(error, 10, field, message);
    }

    [Theory]
    [InlineData("{ target: nowhere, every: 1h }", "calibration[0].target", "not an entanglement link or node")]
    [InlineData("{ target: l, every: 1min, duration: 2min }", "calibration[0].duration", "shorter than every")]
    [InlineData("{ target: l, every: 1h, resets: [polish] }", "calibration[0].resets[0]", "unknown reset 'polish'")]
    [InlineData("{ target: l }", "calibration[0].every", "")]
    public void Parse_BadCalibration_FileLineErrorNamingTheField(string item, string field, string message)
    {
        ScenarioError error = ErrorAssert.OnlyError(Network + "calibration:\n  - " + item + "\n");
        ErrorAssert.AssertError(error, 10, field, message);
    }

    [Fact]
    public void Parse_FaultsWithoutSessionsForSimulation_Refused()
    {
        string yaml = Network.Replace("sessions:\n  - { id: s, source: alice, destination: bob }\n", "") + "faults:\n  - { kind: link-cut, target: l }\n";
        var result = ScenarioLoader.Parse(yaml, "bad.yaml", ScenarioUse.Simulation);
        Assert.Contains(result.Errors, e => e.Field == "faults" && e.Message.Contains("act on sessions"));
    }
}
