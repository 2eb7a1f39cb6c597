using QNet.Network.Scenarios;
using static QNet.Network.Tests.Scenarios.ErrorAssert;

namespace QNet.Network.Tests.Scenarios;

/// <summary>Mistakes between fields: ids, references, scheme-specific fields, sessions. Each asserts field path, line and message.</summary>
public sealed class ScenarioLoaderConsistencyErrorTests
{
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
    public void Parse_UnknownPostProcessingVersion_IsAnErrorListingKnownVersions()
    {
        ScenarioError error = LinkError("length: 1km, heralding: direct, qkd: { protocol: bb84-decoy, pulseRate: 1MHz, intensities: { signal: 0.5, decoy: 0.1 }, postProcessingVersion: 9 }");

        AssertError(error, 6, "links[0].qkd.postProcessingVersion", "unknown post-processing version 9; known versions are 1, 2, 3, 4");
    }

    [Fact]
    public void Parse_PostProcessingVersionOnBbm92_IsAnError()
    {
        ScenarioError error = LinkError("length: 1km, heralding: double-click, qkd: { protocol: bbm92, postProcessingVersion: 2 }");

        AssertError(error, 6, "links[0].qkd.postProcessingVersion", "applies only to bb84-decoy");
    }

    [Fact]
    public void Parse_DecoyAboveSignal_IsAnError()
    {
        ScenarioError error = LinkError("length: 1km, heralding: direct, qkd: { protocol: bb84-decoy, pulseRate: 1MHz, intensities: { signal: 0.1, decoy: 0.5 } }");

        AssertError(error, 6, "links[0].qkd.intensities.decoy", "must be below the signal intensity");
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
    public void Parse_UnknownHeralding_StillChecksTheLinksOtherValues()
    {
        IReadOnlyList<ScenarioError> errors = Errors(Nodes + "\n  - { id: l, between: [alice, bob], heralding: laser, length: 5, detector: { efficiency: 2 } }\n");

        Assert.Equal(
            ["links[0].heralding", "links[0].length", "links[0].detector.efficiency"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void Parse_InfiniteT2WithFiniteT1_ReportsIt()
    {
        ScenarioError error = OnlyError("name: t\nnodes:\n  - { id: a, kind: end, memory: { t1: 1s, t2: inf } }\n");

        AssertError(error, 3, "nodes[0].memory.t2", "t2 (inf) cannot exceed 2·t1 (1s)");
    }
}
