using QNet.Network.Scenarios;
using QNet.Network.Switching;
using static QNet.Network.Tests.Scenarios.ErrorAssert;

namespace QNet.Network.Tests.Scenarios;

/// <summary><c>kind: switch</c> in scenario files: the settings read, the model built from them, and every refusal with its line and field.</summary>
public sealed class SwitchScenarioTests
{
    // Lines: 1 name, 2 nodes, 3 hub id, 4 kind, 5 switch mapping, 6–8 leaves, 9 links, 10–12 links, 13 sessions, 14+ sessions.
    private static string Switch(string settings = "{ buffer: 3, policy: longest-queue, lossRate: 2Hz, cutoff: 80ms, successProbability: 0.8 }",
        string sessions = "  - { id: ab, source: a, destination: b, rate: 5Hz }\n", string hubExtra = "") => $$"""
        name: t
        nodes:
          - id: hub
            kind: switch{{hubExtra}}
            switch: {{settings}}
          - { id: a, kind: end }
          - { id: b, kind: end }
          - { id: c, kind: end }
        links:
          - { id: ha, between: [hub, a], heralding: probabilistic, successProbability: 0.1, attemptDuration: 1ms, fidelity: 0.9 }
          - { id: hb, between: [b, hub], heralding: probabilistic, successProbability: 0.2, attemptDuration: 1ms, fidelity: 0.9 }
          - { id: hc, between: [hub, c], heralding: probabilistic, successProbability: 0.5, attemptDuration: 2ms, fidelity: 0.9 }
        sessions:

        """ + sessions;

    [Fact]
    public void Parse_SwitchNode_ReadsSettingsAndBuildsTheModel()
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(Switch(sessions: "  - { id: ab, source: a, destination: b, rate: 5Hz }\n  - { id: abc, source: c, destination: a, application: ghz, parties: [b], pairs: 7, start: 1s, duration: 2s }\n"), "t.yaml", ScenarioUse.Simulation);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        NodeSpec hub = result.Scenario!.Nodes[0];
        Assert.Equal(NodeKind.Switch, hub.Kind);
        Assert.Equal(new SwitchSpec(3, SwitchPolicy.LongestQueue) { LossRateHz = 2, CutoffSeconds = 0.08, SwapSuccessProbability = 0.8 }, hub.Switch);
        SwitchModel model = Assert.Single(SwitchRun.ModelsOf(result.Scenario));
        Assert.Equal(["a", "b", "c"], model.Leaves.Select(l => l.Node));
        Assert.Equal([100.0, 200.0, 250.0], model.Leaves.Select(l => Math.Round(l.RateHz, 9)));
        Assert.Equal((3, SwitchPolicy.LongestQueue, 2.0, (double?)0.08, 0.8), (model.Buffer, model.Policy, model.LossRateHz, model.CutoffSeconds, model.SwapSuccessProbability));
        Assert.Equal([0, 1], model.Demands[0].Leaves);
        Assert.Equal((5.0, 5.0), (model.Demands[0].RateHz!.Value, model.Demands[0].Weight));
        Assert.Equal([2, 0, 1], model.Demands[1].Leaves);
        Assert.Equal((7L, 1.0, 2.0, true), (model.Demands[1].Pairs!.Value, model.Demands[1].StartSeconds, model.Demands[1].DurationSeconds!.Value, model.Demands[1].IsGhz));
    }

    [Fact]
    public void Parse_SwitchWithoutSettings_UsesDefaults()
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(Switch("{ lifetime: 250ms }"), "t.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(new SwitchSpec() { LossRateHz = 4 }, result.Scenario!.Nodes[0].Switch);
    }

    [Theory]
    [InlineData("{ buffer: 0 }", 5, "nodes[0].switch.buffer", "must be")]
    [InlineData("{ policy: fifo }", 5, "nodes[0].switch.policy", "allowed: oldest-first, longest-queue, weighted")]
    [InlineData("{ lossRate: -1Hz }", 5, "nodes[0].switch.lossRate", "must not be negative")]
    [InlineData("{ lossRate: 1Hz, lifetime: 1s }", 5, "nodes[0].switch.lifetime", "either lossRate or lifetime")]
    [InlineData("{ cutoff: 0s }", 5, "nodes[0].switch.cutoff", "at least 1ps")]
    [InlineData("{ successProbability: 0 }", 5, "nodes[0].switch.successProbability", "greater than 0")]
    [InlineData("{ bufer: 2 }", 5, "nodes[0].switch.bufer", "did you mean 'buffer'")]
    public void Parse_BadSwitchSetting_NamesTheField(string settings, int line, string field, string message)
    {
        AssertError(OnlyError(Switch(settings)), line, field, message);
    }

    [Fact]
    public void Parse_MemoryOnASwitch_IsRefusedWithTheReplacement()
    {
        AssertError(OnlyError(Switch(hubExtra: "\n    memory: { slots: 4 }")), 5, "nodes[0].memory", "switch.buffer");
    }

    [Fact]
    public void Parse_SwitchSettingsOnAnEndNode_AreRefused()
    {
        string yaml = Switch().Replace("  - { id: a, kind: end }", "  - { id: a, kind: end, switch: { buffer: 2 } }");

        AssertError(OnlyError(yaml), 6, "nodes[1].switch", "applies only to switch nodes (this node is kind 'end')");
    }

    [Theory]
    [InlineData("  - { id: ab, source: a, destination: b, application: qkd }\n", "sessions[0].application", "raw pairs or ghz states")]
    [InlineData("  - { id: ab, source: a, destination: b, minFidelity: 0.9 }\n", "sessions[0].minFidelity", "not modelled for a session at a switch")]
    [InlineData("  - { id: ab, source: a, destination: b, cutoff: 1s }\n", "sessions[0].cutoff", "switch.cutoff")]
    [InlineData("  - { id: ab, source: a, destination: b, priority: 3 }\n", "sessions[0].priority", "switch.policy")]
    public void Parse_SessionOptionASwitchDoesNotModel_IsRefused(string session, string field, string message)
    {
        AssertError(OnlyError(Switch(sessions: session)), 14, field, message);
    }

    [Fact]
    public void Parse_SessionToANodeOutsideTheSwitch_IsRefused()
    {
        string yaml = Switch(sessions: "  - { id: ad, source: a, destination: d }\n")
            .Replace("  - { id: c, kind: end }", "  - { id: c, kind: end }\n  - { id: d, kind: end }");

        AssertError(OnlyError(yaml), 15, "sessions[0].destination", "'d' is not a leaf of switch 'hub'");
    }

    [Fact]
    public void Parse_LinkNotAtASwitch_IsRefused()
    {
        string yaml = Switch().Replace("sessions:", "  - { id: ab, between: [a, b], heralding: probabilistic, successProbability: 0.1, attemptDuration: 1ms, fidelity: 0.9 }\nsessions:");

        AssertError(OnlyError(yaml), 13, "links[3].between", "does not end at a switch");
    }

    [Fact]
    public void Parse_SwitchLinkToARepeater_IsRefused()
    {
        string yaml = Switch().Replace("  - { id: c, kind: end }", "  - { id: c, kind: repeater }");

        AssertError(OnlyError(yaml), 12, "links[2].between", "'c' is a repeater");
    }

    [Fact]
    public void Parse_SwitchWithOneLeaf_IsRefused()
    {
        string yaml = Switch(sessions: "").Replace("  - { id: hb, between: [b, hub], heralding: probabilistic, successProbability: 0.2, attemptDuration: 1ms, fidelity: 0.9 }\n", "")
            .Replace("  - { id: hc, between: [hub, c], heralding: probabilistic, successProbability: 0.5, attemptDuration: 2ms, fidelity: 0.9 }\n", "");

        AssertError(OnlyError(yaml), 4, "nodes[0].kind", "needs links to at least two end nodes");
    }

    [Fact]
    public void Parse_TwoLinksToTheSameLeaf_IsRefused()
    {
        string yaml = Switch().Replace("sessions:", "  - { id: ha2, between: [a, hub], heralding: probabilistic, successProbability: 0.1, attemptDuration: 1ms, fidelity: 0.9 }\nsessions:");

        AssertError(OnlyError(yaml), 13, "links[3].between", "'a' already has a link to switch 'hub'");
    }
}
