using QNet.ControlPlane.GameDays;

namespace QNet.ControlPlane.Tests.GameDays;

/// <summary>A bad experiment file is refused with file, line and field before anything runs (docs/gamedays.md).</summary>
public sealed class ExperimentLoaderTests
{
    // Line 9 holds the probe, line 13 its tolerance, line 16 the action's kind and target.
    private const string Valid = """
        version: 1.0.0
        title: cut
        configuration:
          warmup: 1min
        steady-state-hypothesis:
          title: pairs flow
          probes:
            - name: rate
              probe: sli
              sli: M1
              selector: { link: carol-hub }
              window: 1min
              tolerance: { gt: 0 }
        method:
          - type: action
            name: cut
            action: inject-fault
            arguments: { kind: link-cut, target: carol-hub }
            pauses: { after: 2min }
          - { type: action, name: splice, action: clear-fault, arguments: { fault: cut } }
        expectations:
          - { type: alert-pages, alert: QNetLinkDown, labels: { link: carol-hub }, within: 5min }
        """;

    [Fact]
    public void Parse_ValidExperiment_ReadsEveryPart()
    {
        var result = ExperimentLoader.Parse(Valid, "cut.yaml", ".");

        Assert.Empty(result.Errors);
        var e = result.Experiment!;
        Assert.Equal(60, e.Configuration.WarmupSeconds);
        Assert.Equal(Sli.M1, e.Hypothesis.Single().Sli);
        Assert.Equal(Comparison.Gt, e.Hypothesis.Single().Tolerance!.Comparison);
        Assert.Equal(120, e.Method[0].PauseAfterSeconds);
        Assert.Equal("cut", e.Method[1].Action!.ClearsId);
        Assert.Equal(300, e.Expectations.Single().WithinSeconds);
    }

    [Fact]
    public void Parse_JsonExperiment_ReadsTheSameAsYaml()
    {
        const string json = """
            {
              "title": "cut",
              "steady-state-hypothesis": { "title": "t", "probes": [ { "name": "rate", "probe": "sli", "sli": "M1", "window": "1min", "tolerance": { "gt": 0 } } ] },
              "method": [
                { "type": "action", "name": "cut", "action": "inject-fault", "arguments": { "kind": "link-cut", "target": "nowhere" } }
              ]
            }
            """;

        var result = ExperimentLoader.Parse(json, "cut.json", ".");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("cut.json:5: method[0].arguments.target: 'nowhere' is not an entanglement link of the network", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("probe: sli", "probe: slo", 9, "steady-state-hypothesis.probes[0].probe", "unknown probe 'slo'")]
    [InlineData("tolerance: { gt: 0 }", "", 8, "steady-state-hypothesis.probes[0].tolerance", "is required")]
    [InlineData("kind: link-cut", "kind: link-snip", 18, "method[0].arguments.kind", "unknown fault kind 'link-snip'")]
    [InlineData("target: carol-hub }", "target: carol-hubb }", 18, "method[0].arguments.target", "carol-hubb")]
    [InlineData("after: 2min", "after: soon", 19, "method[0].pauses.after", "'soon' is not a duration")]
    [InlineData("window: 1min", "window: -1min", 12, "steady-state-hypothesis.probes[0].window", "is not a duration")]
    [InlineData("alert: QNetLinkDown", "alert: QNetLinkGone", 22, "expectations[0].alert", "unknown alert 'QNetLinkGone'")]
    [InlineData("sli: M1", "sli: M11", 10, "steady-state-hypothesis.probes[0].sli", "unknown SLI 'M11'")]
    [InlineData("action: inject-fault", "action: unplug", 17, "method[0].action", "unknown action 'unplug'")]
    public void Parse_BadField_ErrorNamesFileLineAndField(string from, string to, int line, string field, string message)
    {
        var result = ExperimentLoader.Parse(Valid.Replace(from, to, StringComparison.Ordinal), "drill.yaml", ".");

        Assert.Null(result.Experiment);
        var error = Assert.Single(result.Errors, e => e.Field == field);
        Assert.Equal("drill.yaml", error.Source);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"drill.yaml:{line}: {field}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ClearOfAnUnknownFault_IsRefused()
    {
        var result = ExperimentLoader.Parse(Valid.Replace("arguments: { fault: cut }", "arguments: { fault: cat }", StringComparison.Ordinal), "drill.yaml", ".");

        var error = Assert.Single(result.Errors);
        Assert.Equal(20, error.Line);
        Assert.Contains("no inject-fault step has the id 'cat'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_MissingFile_OneErrorAndNoExperiment()
    {
        var result = ExperimentLoader.LoadFile(Path.Combine(Path.GetTempPath(), "no-such-drill-" + Guid.NewGuid().ToString("N") + ".yaml"));

        Assert.Null(result.Experiment);
        Assert.Contains("no such file", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
