using QNet.Network.Scenarios;
using static QNet.Network.Tests.Scenarios.ErrorAssert;

namespace QNet.Network.Tests.Scenarios;

/// <summary>A node's optional map <c>position: { x, y }</c>: read when given on every node, refused with file:line: field: message otherwise.</summary>
public sealed class ScenarioLoaderPositionTests
{
    private static string TwoNodes(string alicePosition, string bobPosition) => $$"""
        name: t
        nodes:
          - { id: alice, kind: end{{alicePosition}} }
          - { id: bob, kind: end{{bobPosition}} }
        links:
          - { id: l, between: [alice, bob], length: 10km, heralding: direct }
        """;

    [Fact]
    public void Parse_PositionOnEveryNode_ReadsEastingAndNorthing()
    {
        var result = ScenarioLoader.Parse(TwoNodes(", position: { x: -3.5, y: 2 }", ", position: { x: 1e1, y: -0 }"), "ok.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(new NodePosition(-3.5, 2), result.Scenario!.Nodes[0].Position);
        Assert.Equal(new NodePosition(10, 0), result.Scenario.Nodes[1].Position);
    }

    [Fact]
    public void Parse_NoPositions_NodesHaveNone()
    {
        var result = ScenarioLoader.Parse(TwoNodes("", ""), "ok.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.All(result.Scenario!.Nodes, n => Assert.Null(n.Position));
    }

    [Fact]
    public void Parse_PositionOnSomeNodesOnly_ErrorAtTheNodeWithout()
    {
        ScenarioError error = OnlyError(TwoNodes(", position: { x: 0, y: 0 }", ""));

        AssertError(error, 4, "nodes[1].position", "missing required field 'position' (nodes[0] has a position, so every node needs one)");
    }

    [Fact]
    public void Parse_PositionWithoutY_ErrorNamingY()
    {
        ScenarioError error = OnlyError(TwoNodes(", position: { x: 0 }", ", position: { x: 1, y: 1 }"));

        AssertError(error, 3, "nodes[0].position.y", "missing required field 'y'");
    }

    [Theory]
    [InlineData("x: 5km, y: 0", "nodes[0].position.x", "must be a plain number without a unit")]
    [InlineData("x: east, y: 0", "nodes[0].position.x", "cannot read 'east' as a number")]
    [InlineData("x: 0, y: inf", "nodes[0].position.y", "cannot read 'inf' as a number")]
    [InlineData("x: 0, y: 0, z: 4", "nodes[0].position.z", "unknown key 'z'")]
    public void Parse_BadPositionValue_ErrorNamingTheField(string body, string field, string message)
    {
        ScenarioError error = OnlyError(TwoNodes(", position: { " + body + " }", ", position: { x: 1, y: 1 }"));

        AssertError(error, 3, field, message);
    }

    [Fact]
    public void LoadFile_ShippedMetro_EveryNodePlacedAndNoTwoAtOnePoint()
    {
        var metro = ScenarioLoader.LoadFile(Path.Combine(ShippedScenarioTests.ScenariosFolder(), "metro.yaml")).Scenario!;

        Assert.All(metro.Nodes, n => Assert.NotNull(n.Position));
        Assert.Equal(metro.Nodes.Count, metro.Nodes.Select(n => n.Position).Distinct().Count());
    }
}
