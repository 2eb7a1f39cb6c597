using QNet.Network.Scenarios;
using static QNet.Network.Tests.Scenarios.ErrorAssert;

namespace QNet.Network.Tests.Scenarios;

/// <summary>Mistakes in single values: syntax, keys, units, numbers and ranges. Each asserts field path, line and message.</summary>
public sealed class ScenarioLoaderErrorTests
{
    [Fact]
    public void Parse_YamlSyntaxError_ReportsPositionOfTheSyntaxError()
    {
        ScenarioError error = OnlyError("name: t\nnodes:\n  - { id: a, kind: end\nlinks: []\n");

        AssertError(error, 4, ScenarioError.SyntaxField, "YAML syntax error");
        Assert.DoesNotContain("(Line:", error.Message);
    }

    [Fact]
    public void Parse_DuplicateKeyInMapping_ReportsIt()
    {
        ScenarioError error = OnlyError("name: t\nname: u\nnodes: [ { id: a, kind: end } ]\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("Duplicate key", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_UnknownKey_SuggestsClosestKnownKey()
    {
        ScenarioError error = LinkError("lenght: 10km, length: 10km, heralding: direct");

        AssertError(error, 6, "links[0].lenght", "unknown key 'lenght' (did you mean 'length'?)");
    }

    [Fact]
    public void Parse_UnknownKeyFarFromAnyKnownKey_ListsKnownKeys()
    {
        ScenarioError error = OnlyError("name: t\ncolour: blue\nnodes: [ { id: a, kind: end } ]\n");

        AssertError(error, 2, "colour", "unknown key 'colour'; known keys here: name, description, seed, duration, nodes, links, sessions");
    }

    [Fact]
    public void Parse_MissingRequiredField_NamesFieldAtTheMapping()
    {
        ScenarioError error = LinkError("length: 10km");

        AssertError(error, 6, "links[0].heralding", "missing required field 'heralding'");
    }

    [Fact]
    public void Parse_MissingTopLevelName_IsReported()
    {
        ScenarioError error = OnlyError("nodes: [ { id: a, kind: end } ]\n");

        AssertError(error, 1, "name", "missing required field 'name'");
    }

    [Fact]
    public void Parse_LengthWithoutUnit_ReportsMissingUnit()
    {
        ScenarioError error = LinkError("length: 50, heralding: direct");

        AssertError(error, 6, "links[0].length", "missing unit: '50' needs a length unit (m, km), e.g. 50km");
    }

    [Fact]
    public void Parse_DurationGivenForLength_ReportsWrongUnit()
    {
        ScenarioError error = LinkError("length: 10ms, heralding: direct");

        AssertError(error, 6, "links[0].length", "wrong unit: '10ms' is a duration, but this field takes a length (m, km)");
    }

    [Fact]
    public void Parse_UnknownUnit_ReportsItWithAllowedUnits()
    {
        ScenarioError error = LinkError("length: 10 miles, heralding: direct");

        AssertError(error, 6, "links[0].length", "unknown unit 'miles' in '10 miles'; a length takes m, km");
    }

    [Fact]
    public void Parse_UnparseableNumber_ReportsIt()
    {
        ScenarioError error = LinkError("length: 10km, heralding: direct, detector: { efficiency: high }");

        AssertError(error, 6, "links[0].detector.efficiency", "cannot read 'high' as a number");
    }

    [Fact]
    public void Parse_UnitOnPlainNumberField_ReportsIt()
    {
        ScenarioError error = LinkError("length: 10km, heralding: direct, detector: { efficiency: 90% }");

        AssertError(error, 6, "links[0].detector.efficiency", "'90%' must be a plain number without a unit");
    }

    [Fact]
    public void Parse_NegativeLength_ReportsIt()
    {
        ScenarioError error = LinkError("length: -5km, heralding: direct");

        AssertError(error, 6, "links[0].length", "must not be negative (got -5km)");
    }

    [Fact]
    public void Parse_NegativeDuration_ReportsIt()
    {
        ScenarioError error = OnlyError("name: t\nduration: -10s\nnodes: [ { id: a, kind: end } ]\n");

        AssertError(error, 2, "duration", "must be at least 1ps (the simulator's time step) and at most 100 days (got -10s)");
    }

    [Fact]
    public void Parse_ProbabilityAboveOne_ReportsRange()
    {
        ScenarioError error = LinkError("length: 10km, heralding: direct, detector: { efficiency: 1.5 }");

        AssertError(error, 6, "links[0].detector.efficiency", "must lie between 0 and 1 (got 1.5)");
    }

    [Fact]
    public void Parse_NegativeProbability_ReportsRange()
    {
        ScenarioError error = OnlyError("""
            name: t
            nodes:
              - { id: r, kind: repeater, swap: { gateDepolarizing: -0.1 } }
            """);

        AssertError(error, 3, "nodes[0].swap.gateDepolarizing", "must lie between 0 and 1 (got -0.1)");
    }

    [Fact]
    public void Parse_UnknownEnumValue_ListsAllowedValuesAndSuggestsOne()
    {
        ScenarioError error = LinkError("length: 1km, heralding: single_click, brightStatePopulation: 0.1");

        AssertError(error, 6, "links[0].heralding",
            "unknown heralding 'single_click'; allowed: single-click, double-click, direct, midpoint-source, probabilistic (did you mean 'single-click'?)");
    }

    [Fact]
    public void Parse_NegativeSeed_IsAnError()
    {
        ScenarioError error = OnlyError("name: t\nseed: -1\nnodes: [ { id: a, kind: end } ]\n");

        AssertError(error, 2, "seed", "must be a whole number from 0 to 18446744073709551615 (got -1)");
    }

    [Fact]
    public void Parse_InvalidId_IsAnError()
    {
        ScenarioError error = OnlyError("name: t\nnodes: [ { id: 'a.b', kind: end } ]\n");

        AssertError(error, 2, "nodes[0].id", "'a.b' is not a valid id");
    }

    [Fact]
    public void Parse_NodeThatIsNotAMapping_IsAnError()
    {
        ScenarioError error = OnlyError("name: t\nnodes:\n  - alice\n");

        AssertError(error, 3, "nodes[0]", "expected a mapping");
    }

    [Fact]
    public void Parse_EmptyText_ReportsEmptyFile()
    {
        ScenarioError error = OnlyError("# nothing here\n");

        AssertError(error, 1, ScenarioError.FileField, "the file is empty");
    }

    [Fact]
    public void LoadFile_MissingFile_ReturnsFileErrorInsteadOfThrowing()
    {
        string path = Path.Combine(Path.GetTempPath(), $"qnet-missing-{Guid.NewGuid():N}.yaml");

        ScenarioLoadResult result = ScenarioLoader.LoadFile(path);

        ScenarioError error = Assert.Single(result.Errors);
        AssertError(error with { Source = "bad.yaml" }, 1, ScenarioError.FileField, "cannot read the file");
        Assert.Equal(path, error.Source);
    }

    [Fact]
    public void ToString_FormatsFileLineColumnFieldMessage()
    {
        var error = new ScenarioError("net.yaml", 12, 5, "links[0].length", "must not be negative (got -5km)");

        Assert.Equal("net.yaml:12:5: links[0].length: must not be negative (got -5km)", error.ToString());
    }

    [Fact]
    public void Parse_RecursiveAliases_ReturnsWithoutLoopingForever()
    {
        ScenarioLoadResult result = ScenarioLoader.Parse("name: t\nnodes:\n  - &n { id: a, kind: end, <<: *n }\n  - &l [*l]\n", "bad.yaml");

        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Parse_SessionTimeBeyondOneHundredDays_IsAnError()
    {
        ScenarioError error = OnlyError(Nodes + " []\nsessions:\n  - { id: s, source: alice, destination: bob, cutoff: 3000h }\n");

        AssertError(error, 7, "sessions[0].cutoff", "must lie between 0 (a pair is used in the round it is made) and 100 days (got 3000h)");
    }

    [Fact]
    public void Parse_JsonWithMistakes_ReportsLinesAndFieldsLikeYaml()
    {
        IReadOnlyList<ScenarioError> errors = Errors("""
            {
              "name": "j",
              "nodes": [ { "id": "a", "kind": "end" }, { "id": "b", "kind": "end" } ],
              "links": [
                { "id": "a-b", "between": ["a", "b"], "heralding": "direct",
                  "length": "-3km", "detecter": {} }
              ]
            }
            """);

        Assert.Equal([(6, "links[0].length"), (6, "links[0].detecter")], errors.Select(e => (e.Line, e.Field)));
        Assert.Contains("did you mean 'detector'?", errors[1].Message);
    }

    [Fact]
    public void Parse_PriorityOutOfRange_GivesBothLimits()
    {
        ScenarioError error = OnlyError(Nodes + " []\nsessions:\n  - { id: s, source: alice, destination: bob, priority: 3e9 }\n");

        AssertError(error, 7, "sessions[0].priority", "must be between -100 and 100 (got 3e9)");
    }

    [Fact]
    public void Parse_FractionalSlots_IsAnError()
    {
        ScenarioError error = OnlyError("name: t\nnodes:\n  - { id: a, kind: end, memory: { slots: 1.5 } }\n");

        AssertError(error, 3, "nodes[0].memory.slots", "'1.5' must be a whole number");
    }
}
