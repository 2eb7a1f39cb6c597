using QNet.Network.Scenarios;
using static QNet.Network.Tests.Scenarios.ErrorAssert;

namespace QNet.Network.Tests.Scenarios;

/// <summary>The one rule set of a session request, as the scenario loader applies it (the control API's tests apply it over HTTP).</summary>
public sealed class SessionRequestRulesTests
{
    // Two end nodes and a repeater; the one session is on line 6.
    private const string Network = """
        name: t
        nodes:
          - { id: alice, kind: end }
          - { id: bob, kind: end }
          - { id: r, kind: repeater }
        sessions:
        """;

    [Theory]
    [InlineData("a.b")]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("x1234567890123456789012345678901234567890123456789012345678901234")] // 65 characters
    public void IdProblem_OutsideRule_NamesTheRule(string id)
    {
        Assert.Equal(IdRule.Requirement, SessionRequestRules.IdProblem(id));
        Assert.False(IdRule.IsValid(id));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("metro-alice_bob-2")]
    [InlineData("x123456789012345678901234567890123456789012345678901234567890123")] // 64 characters
    public void IdProblem_WithinRule_IsNull(string id) => Assert.Null(SessionRequestRules.IdProblem(id));

    [Fact]
    public void Parse_SessionIdWithDot_ReportsIdField()
    {
        ScenarioError error = OnlyError(Network + "\n  - { id: 'a.b', source: alice, destination: bob }\n");

        AssertError(error, 7, "sessions[0].id", "'a.b' is not a valid id: it " + IdRule.Requirement);
    }

    [Fact]
    public void Parse_SessionFromRepeater_ReportsSourceField()
    {
        ScenarioError error = OnlyError(Network + "\n  - { id: s, source: r, destination: bob }\n");

        AssertError(error, 7, "sessions[0].source", "'r' is a repeater; sessions run between end nodes");
    }

    [Fact]
    public void Parse_GhzPartyIsRepeater_ReportsPartyField()
    {
        ScenarioError error = OnlyError(Network + "\n  - { id: g, source: alice, destination: bob, parties: [r], application: ghz }\n");

        AssertError(error, 7, "sessions[0].parties[0]", "'r' is a repeater; sessions run between end nodes");
    }

    [Fact]
    public void Parse_PriorityOutsideRule_ReportsPriorityField()
    {
        ScenarioError error = OnlyError(Network + "\n  - { id: s, source: alice, destination: bob, priority: 101 }\n");

        AssertError(error, 7, "sessions[0].priority", "-100");
    }

    [Fact]
    public void Parse_CutoffBeyondKernelSpan_ReportsRulePhrase()
    {
        ScenarioError error = OnlyError(Network + "\n  - { id: s, source: alice, destination: bob, cutoff: 4800h }\n");

        AssertError(error, 7, "sessions[0].cutoff", SessionRequestRules.CutoffSeconds.Requirement);
    }

    [Fact]
    public void EndpointProblem_UnknownOrRepeaterOrMissing_SaysWhich()
    {
        var nodes = ScenarioLoader.Parse(Network + " []\n", "t.yaml").Scenario!.Nodes.ToDictionary(n => n.Id);

        Assert.Null(SessionRequestRules.EndpointProblem("alice", nodes.GetValueOrDefault));
        Assert.Equal("'r' is a repeater; sessions run between end nodes", SessionRequestRules.EndpointProblem("r", nodes.GetValueOrDefault));
        Assert.Equal("'zed' is not a node of the network", SessionRequestRules.EndpointProblem("zed", nodes.GetValueOrDefault));
        Assert.Equal("is required", SessionRequestRules.EndpointProblem(null, nodes.GetValueOrDefault));
    }
}
