using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Sweeps;

public sealed class ScenarioOverridesTests
{
    private const string Chain = """
        name: chain
        duration: 2s
        nodes:
          - { id: alice, kind: end }
          - { id: r1, kind: repeater, memory: { slots: 2, t2: 1s } }
          - { id: r2, kind: repeater }
          - { id: bob, kind: end }
        links:
          - { id: a-r1, between: [alice, r1], heralding: probabilistic, successProbability: 0.1, attemptDuration: 1ms, fidelity: 0.99 }
          - { id: r1-r2, between: [r1, r2], heralding: probabilistic, successProbability: 0.1, attemptDuration: 1ms, fidelity: 0.99 }
          - { id: r2-b, between: [r2, bob], heralding: probabilistic, successProbability: 0.1, attemptDuration: 1ms, fidelity: 0.99 }
        """;

    private static ScenarioLoadResult Load(params (string Path, string Value)[] overrides) =>
        ScenarioOverrides.Parse(Chain, "chain.yaml", overrides.Select(o => KeyValuePair.Create(o.Path, o.Value)).ToArray());

    [Fact]
    public void Parse_WildcardAndIds_SetEveryMatchingItem()
    {
        Scenario s = Load(("links.*.successProbability", "0.5"), ("links.r1-r2.length", "10km"), ("nodes.r*.memory.t2", "3s"), ("duration", "5s")).Scenario!;
        Assert.All(s.Links, l => Assert.Equal(0.5, l.Probabilistic!.SuccessProbability));
        Assert.Equal(10_000, s.FindLink("r1-r2")!.LengthMetres);
        Assert.Null(s.FindLink("a-r1")!.LengthMetres);
        Assert.Equal(3, s.FindNode("r1")!.Memory.T2Seconds);
        Assert.Equal(2, s.FindNode("r1")!.Memory.Slots); // the rest of an existing mapping stays
        Assert.Equal(3, s.FindNode("r2")!.Memory.T2Seconds); // created where missing
        Assert.True(double.IsPositiveInfinity(s.FindNode("alice")!.Memory.T2Seconds));
        Assert.Equal(5, s.DurationSeconds);
    }

    [Fact]
    public void Parse_BadValue_GetsTheLoadersErrorWithFieldAndOverride()
    {
        ScenarioLoadResult r = Load(("links.a-r1.successProbability", "1.5"));
        ScenarioError e = Assert.Single(r.Errors);
        Assert.Equal("links[0].successProbability", e.Field);
        Assert.Equal(9, e.Line);
        Assert.Contains("at most 1", e.Message);
        Assert.EndsWith("(set by links.a-r1.successProbability=1.5)", e.Message);
    }

    [Fact]
    public void Parse_CreatedValueWithWrongUnit_PointsAtTheItem()
    {
        ScenarioError e = Load(("links.r2-b.length", "10s")).Errors.Single();
        Assert.Equal(("links[2].length", 11), (e.Field, e.Line));
        Assert.Contains("wrong unit", e.Message);
    }

    [Fact]
    public void Parse_UnknownKey_GetsTheLoadersHint()
    {
        ScenarioError e = Load(("nodes.r1.memory.t3", "1s")).Errors.Single();
        Assert.Equal("nodes[1].memory.t3", e.Field);
        Assert.Contains("did you mean 't1'", e.Message);
    }

    [Theory]
    [InlineData("nodes.carol.memory.t2", "no node id matches 'carol' (ids: alice, r1, r2, bob)")]
    [InlineData("links.*", "must name an item and a field")]
    [InlineData("links.a-r1.id", "'id' cannot be overridden")]
    [InlineData("links.a-r1.between", "'between' cannot be overridden")]
    [InlineData("nodes.r1.memory", "is a mapping; an override sets one value")]
    [InlineData("links..length", "has an empty part")]
    public void Parse_BadPath_ErrorNamesThePath(string path, string message)
    {
        ScenarioError e = Load((path, "1")).Errors.Single();
        Assert.Contains(message, e.Message);
    }
}
