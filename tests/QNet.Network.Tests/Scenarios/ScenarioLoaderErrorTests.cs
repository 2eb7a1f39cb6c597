using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Scenarios;

/// <summary>One test per class of mistake: each asserts the field path, the line and the message.</summary>
public sealed class ScenarioLoaderErrorTests
{
    private const string Nodes = """
        name: t
        nodes:
          - { id: alice, kind: end }
          - { id: bob, kind: end }
        links:
        """;

    private static IReadOnlyList<ScenarioError> Errors(string yaml)
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(yaml, "bad.yaml");
        Assert.False(result.IsValid);
        Assert.Null(result.Scenario);
        return result.Errors;
    }

    private static ScenarioError OnlyError(string yaml) => Assert.Single(Errors(yaml));

    private static ScenarioError LinkError(string linkBody) => OnlyError(Nodes + "\n  - { id: l, between: [alice, bob], " + linkBody + " }\n");

    private static void AssertError(ScenarioError error, int line, string field, string messagePart)
    {
        Assert.Equal("bad.yaml", error.Source);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(messagePart, error.Message);
    }

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

        AssertError(error, 2, "duration", "must be greater than 0 and at most 100 days (got -10s)");
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
    public void Parse_LinkNamingUnknownNode_SuggestsClosestNode()
    {
        ScenarioError error = OnlyError(Nodes + "\n  - id: l\n    between: [alice, bobb]\n    length: 1km\n    heralding: direct\n");

        AssertError(error, 7, "links[0].between[1]", "unknown node 'bobb' (did you mean 'bob'?)");
    }

    [Fact]
    public void Parse_DuplicateNodeId_ReportsSecondOccurrence()
    {
        ScenarioError error = OnlyError("name: t\nnodes:\n  - { id: a, kind: end }\n  - { id: a, kind: end }\n");

        AssertError(error, 4, "nodes[1].id", "duplicate node id 'a'");
    }

    [Fact]
    public void Parse_DuplicateLinkId_ReportsSecondOccurrence()
    {
        ScenarioError error = OnlyError(Nodes + "\n  - { id: l, between: [alice, bob], length: 1km, heralding: direct }\n  - { id: l, between: [bob, alice], length: 1km, heralding: direct }\n");

        AssertError(error, 7, "links[1].id", "duplicate link id 'l'");
    }

    [Fact]
    public void Parse_DuplicateSessionId_ReportsSecondOccurrence()
    {
        ScenarioError error = OnlyError(Nodes + " []\nsessions:\n  - { id: s, source: alice, destination: bob }\n  - { id: s, source: bob, destination: alice }\n");

        AssertError(error, 8, "sessions[1].id", "duplicate session id 's'");
    }

    [Fact]
    public void Parse_LinkFromNodeToItself_ReportsIt()
    {
        ScenarioError error = OnlyError(Nodes + "\n  - { id: l, between: [alice, alice], length: 1km, heralding: direct }\n");

        AssertError(error, 6, "links[0].between", "a link cannot join node 'alice' to itself");
    }

    [Fact]
    public void Parse_BetweenWithThreeNodes_ReportsIt()
    {
        ScenarioError error = OnlyError(Nodes + "\n  - { id: l, between: [alice, bob, alice], length: 1km, heralding: direct }\n");

        AssertError(error, 6, "links[0].between", "must name exactly two nodes");
    }

    [Fact]
    public void Parse_SingleClickWithoutBrightStatePopulation_ReportsMissingField()
    {
        ScenarioError error = LinkError("length: 1km, heralding: single-click");

        AssertError(error, 6, "links[0].brightStatePopulation", "missing required field 'brightStatePopulation'");
    }

    [Fact]
    public void Parse_ProbabilisticWithoutItsFields_ReportsEachMissingField()
    {
        IReadOnlyList<ScenarioError> errors = Errors(Nodes + "\n  - { id: l, between: [alice, bob], heralding: probabilistic }\n");

        Assert.Equal(
            ["links[0].attemptDuration", "links[0].fidelity", "links[0].successProbability"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal(6, e.Line));
    }

    [Fact]
    public void Parse_FieldOfAnotherHeralding_IsAnErrorNamingTheScheme()
    {
        ScenarioError error = LinkError("length: 1km, heralding: direct, brightStatePopulation: 0.1");

        AssertError(error, 6, "links[0].brightStatePopulation", "'brightStatePopulation' applies only to single-click links (this link is direct)");
    }

    [Fact]
    public void Parse_DetectorOnProbabilisticLink_IsAnError()
    {
        ScenarioError error = LinkError("heralding: probabilistic, successProbability: 0.1, attemptDuration: 1ms, fidelity: 0.9, detector: { efficiency: 0.5 }");

        AssertError(error, 6, "links[0].detector", "does not apply to probabilistic links");
    }

    [Fact]
    public void Parse_LossOnFiberLink_IsAnError()
    {
        ScenarioError error = LinkError("length: 1km, heralding: direct, loss: 3dB");

        AssertError(error, 6, "links[0].loss", "applies only to free-space links");
    }

    [Fact]
    public void Parse_FreeSpaceWithoutLoss_ReportsMissingLoss()
    {
        ScenarioError error = LinkError("length: 1km, medium: free-space, heralding: direct");

        AssertError(error, 6, "links[0].loss", "missing required field 'loss'");
    }

    [Fact]
    public void Parse_T2AboveTwiceT1_ReportsIt()
    {
        ScenarioError error = OnlyError("name: t\nnodes:\n  - id: a\n    kind: end\n    memory:\n      t1: 1s\n      t2: 3s\n");

        AssertError(error, 7, "nodes[0].memory.t2", "t2 (3s) cannot exceed 2·t1 (1s)");
    }

    [Fact]
    public void Parse_UnknownEnumValue_ListsAllowedValuesAndSuggestsOne()
    {
        ScenarioError error = LinkError("length: 1km, heralding: single_click, brightStatePopulation: 0.1");

        AssertError(error, 6, "links[0].heralding",
            "unknown heralding 'single_click'; allowed: single-click, double-click, direct, midpoint-source, probabilistic (did you mean 'single-click'?)");
    }

    [Fact]
    public void Parse_SessionNamingUnknownNode_ReportsIt()
    {
        ScenarioError error = OnlyError(Nodes + " []\nsessions:\n  - { id: s, source: alice, destination: carol }\n");

        AssertError(error, 7, "sessions[0].destination", "unknown node 'carol'");
    }

    [Fact]
    public void Parse_SessionToItself_ReportsIt()
    {
        ScenarioError error = OnlyError(Nodes + " []\nsessions:\n  - { id: s, source: bob, destination: bob }\n");

        AssertError(error, 7, "sessions[0].destination", "must differ from source ('bob')");
    }

    [Fact]
    public void Parse_SessionWithPairsAndRate_ReportsConflict()
    {
        ScenarioError error = OnlyError(Nodes + " []\nsessions:\n  - { id: s, source: alice, destination: bob, pairs: 10, rate: 5Hz }\n");

        AssertError(error, 7, "sessions[0].rate", "cannot be given together with pairs");
    }

    [Fact]
    public void Parse_SwapOnEndNode_IsAnError()
    {
        ScenarioError error = OnlyError("name: t\nnodes:\n  - { id: a, kind: end, swap: { protocol: asap } }\n");

        AssertError(error, 3, "nodes[0].swap", "applies only to repeater nodes");
    }

    [Fact]
    public void Parse_Bb84DecoyOnEntanglingLink_IsAnError()
    {
        ScenarioError error = LinkError("length: 1km, heralding: double-click, qkd: { protocol: bb84-decoy, pulseRate: 1MHz, intensities: { signal: 0.5, decoy: 0.1 } }");

        AssertError(error, 6, "links[0].qkd.protocol", "bb84-decoy is prepare-and-measure and needs heralding: direct");
    }

    [Fact]
    public void Parse_DecoyAboveSignal_IsAnError()
    {
        ScenarioError error = LinkError("length: 1km, heralding: direct, qkd: { protocol: bb84-decoy, pulseRate: 1MHz, intensities: { signal: 0.1, decoy: 0.5 } }");

        AssertError(error, 6, "links[0].qkd.intensities.decoy", "must be below the signal intensity");
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
    public void Parse_ManyMistakes_ReportsAllSortedByLine()
    {
        IReadOnlyList<ScenarioError> errors = Errors("""
            name: t
            duration: 5
            nodes:
              - { id: alice, kind: end, memory: { slots: 0 } }
              - { id: bob, kind: edge }
            links:
              - { id: l, between: [alice, carol], length: -1km, heralding: direct }
            sessions:
              - { id: s, source: alice, destination: bob, minFidelity: 2 }
            """);

        Assert.Equal(
            [(2, "duration"), (4, "nodes[0].memory.slots"), (5, "nodes[1].kind"), (7, "links[0].between[1]"), (7, "links[0].length"), (9, "sessions[0].minFidelity")],
            errors.Select(e => (e.Line, e.Field)));
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

        AssertError(error, 7, "sessions[0].cutoff", "must be greater than 0 and at most 100 days (got 3000h)");
    }

    [Fact]
    public void Parse_UnknownHeralding_StillChecksTheLinksOtherValues()
    {
        IReadOnlyList<ScenarioError> errors = Errors(Nodes + "\n  - { id: l, between: [alice, bob], heralding: laser, length: 5, detector: { efficiency: 2 } }\n");

        Assert.Equal(
            ["links[0].heralding", "links[0].length", "links[0].detector.efficiency"],
            errors.Select(e => e.Field));
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
    public void Parse_PriorityOutOfIntRange_GivesBothLimits()
    {
        ScenarioError error = OnlyError(Nodes + " []\nsessions:\n  - { id: s, source: alice, destination: bob, priority: 3e9 }\n");

        AssertError(error, 7, "sessions[0].priority", "must be between -2147483648 and 2147483647 (got 3e9)");
    }

    [Fact]
    public void Parse_FractionalSlots_IsAnError()
    {
        ScenarioError error = OnlyError("name: t\nnodes:\n  - { id: a, kind: end, memory: { slots: 1.5 } }\n");

        AssertError(error, 3, "nodes[0].memory.slots", "'1.5' must be a whole number");
    }
}
