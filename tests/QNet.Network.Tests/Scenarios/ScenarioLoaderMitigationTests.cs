using QNet.Network.Mitigation;
using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Scenarios;

/// <summary>The <c>mitigation:</c> section: the fields of <c>PUT /api/v1/mitigation</c> over the default policy, checked with file:line errors.</summary>
public sealed class ScenarioLoaderMitigationTests
{
    private const string Network = ScenarioTexts.TwoEndNodes;

    [Fact]
    public void Parse_NoSection_NoPolicy()
    {
        var result = ScenarioLoader.Parse(Network, "ok.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Null(result.Scenario!.Mitigation);
    }

    [Fact]
    public void Parse_SectionWithoutRules_FieldsOverDefaultRulesKept()
    {
        var result = ScenarioLoader.Parse(Network + """
            mitigation:
              enabled: false
              evaluateEvery: 10s
              minSamples: 50
              shedBelowPriority: 2
              retryAfter: 1min
            """, "ok.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var policy = result.Scenario!.Mitigation!;
        Assert.Equal((false, 10.0, 50, 2, 60), (policy.Enabled, policy.EvaluateEverySeconds, policy.MinSamples, policy.ShedBelowPriority, policy.RetryAfterSeconds));
        Assert.Equal(MitigationPolicy.Default.Rules, policy.Rules);
    }

    [Fact]
    public void Parse_Rules_ReplaceTheListWithUnitsAndDefaults()
    {
        var result = ScenarioLoader.Parse(Network + """
            mitigation:
              rules:
                - { action: reroute, signal: link-rate-ratio, threshold: 0.3, release: 0.7, cooldown: 2min }
                - { action: shed-load, signal: command-queue-depth, threshold: 50, enabled: false }
            """, "ok.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var policy = result.Scenario!.Mitigation!;
        Assert.True(policy.Enabled);
        Assert.Equal(
            [
                new MitigationRule(MitigationAction.Reroute, MitigationSignal.LinkRateRatio, 0.3, 0.7, 120),
                new MitigationRule(MitigationAction.ShedLoad, MitigationSignal.CommandQueueDepth, 50, 50, 60, Enabled: false),
            ], policy.Rules);
    }

    [Theory]
    [InlineData("- { action: reroot, signal: link-rate-ratio, threshold: 0.5 }", "mitigation.rules[0].action", "unknown action 'reroot'; allowed: reroute, raise-purification")]
    [InlineData("- { action: reroute, signal: link-fidelty, threshold: 0.5 }", "mitigation.rules[0].signal", "did you mean 'link-fidelity'?")]
    [InlineData("- { action: reroute, signal: qber, threshold: 0.5 }", "mitigation.rules[0].signal", "qber is read per QKD link, which reroute cannot act on")]
    [InlineData("- { action: reroute, signal: link-rate-ratio, threshold: 1.5 }", "mitigation.rules[0].threshold", "must be between 0 and 1 for signal link-rate-ratio")]
    [InlineData("- { action: reroute, signal: link-rate-ratio, threshold: 0.5, release: 0.2 }", "mitigation.rules[0].release", "must be at least the threshold")]
    [InlineData("- { action: reroute, signal: link-rate-ratio, threshold: -1 }", "mitigation.rules[0].threshold", "must not be negative")]
    [InlineData("- { action: reroute, signal: link-rate-ratio, threshold: half }", "mitigation.rules[0].threshold", "cannot read 'half' as a number")]
    [InlineData("- { action: reroute, signal: link-rate-ratio, threshold: 0.5, cooldown: 60 }", "mitigation.rules[0].cooldown", "unit")]
    [InlineData("- { action: reroute, signal: link-rate-ratio, threshold: 0.5, enabled: yes }", "mitigation.rules[0].enabled", "must be true or false")]
    [InlineData("- { action: reroute, signal: link-rate-ratio, threshold: 0.5, cooldwn: 1s }", "mitigation.rules[0].cooldwn", "cooldown")]
    public void Parse_BadRule_ErrorAtItsLineNamingTheField(string rule, string field, string messagePart)
    {
        var error = ErrorAssert.OnlyError(Network + "mitigation:\n  rules:\n    " + rule + "\n");
        Assert.Equal(11, error.Line);
        Assert.StartsWith(field, error.Field, StringComparison.Ordinal);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evaluateEvery: 1h30min", "mitigation.evaluateEvery", "unknown unit")]
    [InlineData("evaluateEvery: 2h", "mitigation.evaluateEvery", "must be between 0.1 and 3600 seconds")]
    [InlineData("minSamples: 0", "mitigation.minSamples", "must be between 1 and 1000000")]
    [InlineData("shedBelowPriority: 500", "mitigation.shedBelowPriority", "must be between -100 and 101")]
    [InlineData("retryAfter: 1.5s", "mitigation.retryAfter", "whole number of seconds")]
    [InlineData("retryAfter: 2h", "mitigation.retryAfter", "must be between 1 and 3600 seconds")]
    [InlineData("enabeld: false", "mitigation.enabeld", "enabled")]
    public void Parse_BadPolicyField_ErrorAtItsLineNamingTheField(string line, string field, string messagePart)
    {
        var error = ErrorAssert.OnlyError(Network + "mitigation:\n  " + line + "\n");
        Assert.Equal(10, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoRulesForOneActionAndSignal_SecondNamed()
    {
        var error = ErrorAssert.OnlyError(Network + """
            mitigation:
              rules:
                - { action: reroute, signal: swap-success, threshold: 0.2 }
                - { action: reroute, signal: swap-success, threshold: 0.3 }
            """);
        Assert.Equal((12, "mitigation.rules[1].signal"), (error.Line, error.Field));
        Assert.Contains("at most one rule per action and signal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotAMapping_Error()
    {
        var error = ErrorAssert.OnlyError(Network + "mitigation: off\n");
        Assert.Equal((9, "mitigation"), (error.Line, error.Field));
    }
}
