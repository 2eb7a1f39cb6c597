using QNet.ControlPlane.Mitigation;
using QNet.Network.Mitigation;

namespace QNet.ControlPlane.Tests.Mitigation;

/// <summary>The policy's wire form: round trip, partial changes, and errors naming the field.</summary>
public sealed class MitigationPolicyWireTests
{
    [Fact]
    public void Over_WireOfDefault_GivesDefaultBack()
    {
        var (policy, field, _) = MitigationPolicyWire.Of(MitigationPolicy.Default).Over(new MitigationPolicy(false, 1, 1, 0, 1, []));
        Assert.Null(field);
        Assert.Equal(MitigationPolicy.Default.Rules, policy!.Rules);
        Assert.Equal((true, 5.0, 200, 1, 5), (policy.Enabled, policy.EvaluateEverySeconds, policy.MinSamples, policy.ShedBelowPriority, policy.RetryAfterSeconds));
    }

    [Fact]
    public void Over_OnlyEnabledFalse_KeepsEverythingElse()
    {
        var (policy, _, _) = new MitigationPolicyWire(Enabled: false).Over(MitigationPolicy.Default);
        Assert.False(policy!.Enabled);
        Assert.Equal(MitigationPolicy.Default.Rules, policy.Rules);
    }

    [Theory]
    [InlineData("teleport-away", "link-fidelity", 0.5, null, "rules[0].action")]
    [InlineData("reroute", "link-brightness", 0.5, null, "rules[0].signal")]
    [InlineData("reroute", "link-fidelity", 1.5, null, "rules[0].threshold")]
    [InlineData("reroute", "link-fidelity", 0.8, 0.7, "rules[0].release")]
    [InlineData("shed-load", "command-queue-depth", 100.0, 200.0, "rules[0].release")]
    [InlineData("raise-purification", "link-fidelity", 0.8, null, "rules[0].signal")]
    [InlineData("reroute", "link-fidelity", null, null, "rules[0].threshold")]
    public void Over_BadRule_NamesTheField(string action, string signal, double? threshold, double? release, string field)
    {
        var wire = new MitigationPolicyWire(Rules: [new MitigationRuleWire(action, signal, threshold, release)]);
        var (policy, got, error) = wire.Over(MitigationPolicy.Default);
        Assert.Null(policy);
        Assert.Equal(field, got);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Over_TwoRulesForSameActionAndSignal_NamesRules()
    {
        var rule = new MitigationRuleWire("reroute", "link-fidelity", 0.5);
        var (policy, field, _) = new MitigationPolicyWire(Rules: [rule, rule]).Over(MitigationPolicy.Default);
        Assert.Null(policy);
        Assert.Equal("rules", field);
    }

    [Theory]
    [InlineData(0.0, "evaluateEvery")]
    [InlineData(double.NaN, "evaluateEvery")]
    public void Over_BadPeriod_NamesTheField(double every, string field)
    {
        var (policy, got, _) = new MitigationPolicyWire(EvaluateEvery: every).Over(MitigationPolicy.Default);
        Assert.Null(policy);
        Assert.Equal(field, got);
    }
}
