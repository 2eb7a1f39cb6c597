using QNet.Network.Generators;
using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Generators;

public sealed class TopologyGeneratorTests
{
    private static Scenario Load(TopologySpec spec)
    {
        ScenarioLoadResult loaded = ScenarioLoader.Parse(TopologyGenerator.Generate(spec), "generated");
        Assert.True(loaded.Scenario is not null, string.Join("\n", loaded.Errors));
        return loaded.Scenario!;
    }

    [Fact]
    public void Generate_Chain_RoundTripsWithEveryOption()
    {
        var spec = new TopologySpec(TopologyShape.Chain)
        {
            Nodes = 9,
            SpanMetres = 25_000,
            AttenuationDbPerKm = 0.16,
            Heralding = HeraldingScheme.SingleClick,
            BrightStatePopulation = 0.05,
            DetectorEfficiency = 0.8,
            MemorySlotsPerLink = 3,
            T2Seconds = 1,
            SwapProtocol = SwapProtocol.Nested,
            SwapSuccess = 0.5,
            GateDepolarizing = 0.01,
            ReadoutError = 0.02,
            Session = true,
            SessionMinFidelity = 0.7,
            SessionPurification = new PurificationSpec(PurificationScheme.Dejmps, 2),
            SessionCutoffSeconds = 0.05,
        };
        Scenario s = Load(spec);

        Assert.Equal(["alice", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "bob"], s.Nodes.Select(n => n.Id));
        Assert.Equal(8, s.Links.Count);
        Assert.Equal("alice-r1", s.Links[0].Id);
        Assert.Equal("r7-bob", s.Links[^1].Id);
        LinkSpec link = s.Links[3];
        Assert.Equal(25_000, link.LengthMetres);
        Assert.Equal(0.16, link.AttenuationDbPerKm);
        Assert.Equal(0.05, link.BrightStatePopulation);
        Assert.Equal(0.8, link.Detector!.Efficiency);
        NodeSpec r1 = s.FindNode("r1")!;
        Assert.Equal(6, r1.Memory.Slots); // 2 links × 3 slots per link
        Assert.Equal(1, r1.Memory.T2Seconds);
        Assert.Equal(SwapProtocol.Nested, r1.Swap!.Protocol);
        Assert.Equal(0.5, r1.Swap.Measurement.SuccessProbability);
        Assert.Equal(3, s.FindNode("alice")!.Memory.Slots);
        SessionSpec session = Assert.Single(s.Sessions);
        Assert.Equal(("alice", "bob"), (session.Source, session.Destination));
        Assert.Equal(0.7, session.MinFidelity);
        Assert.Equal(new PurificationSpec(PurificationScheme.Dejmps, 2), session.Purification);
        Assert.Equal(0.05, session.CutoffSeconds);
    }

    [Fact]
    public void Generate_Star_HubJoinsEveryLeaf()
    {
        Scenario s = Load(new TopologySpec(TopologyShape.Star) { Nodes = 5, Session = true });
        Assert.Equal(NodeKind.Repeater, s.FindNode("hub")!.Kind);
        Assert.Equal(5, s.LinksOf("hub").Count);
        Assert.Equal(10, s.FindNode("hub")!.Memory.Slots);
        Assert.All(Enumerable.Range(1, 5), i => Assert.Equal(NodeKind.End, s.FindNode($"e{i}")!.Kind));
        Assert.Equal(("e1", "e5"), (s.Sessions[0].Source, s.Sessions[0].Destination));
    }

    [Fact]
    public void Generate_GridCorners_HasMeshLinksAndFourEnds()
    {
        Scenario s = Load(new TopologySpec(TopologyShape.Grid) { Rows = 3, Columns = 4, Session = true });
        // 3×4 repeaters: 3·3 horizontal + 2·4 vertical = 17 links, plus 4 corner end links.
        Assert.Equal(12 + 4, s.Nodes.Count);
        Assert.Equal(17 + 4, s.Links.Count);
        Assert.Equal(4, s.LinksOf("r2_2").Count);
        Assert.Equal("r1_1", s.LinksOf("e1").Single().OtherEnd("e1"));
        Assert.Equal("r3_4", s.LinksOf("e4").Single().OtherEnd("e4"));
        Assert.Equal(("e1", "e4"), (s.Sessions[0].Source, s.Sessions[0].Destination));
    }

    [Fact]
    public void Generate_GridAllEnds_OneEndPerRepeater()
    {
        Scenario s = Load(new TopologySpec(TopologyShape.Grid) { Rows = 1, Columns = 3, GridEnds = GridEnds.All });
        Assert.Equal(6, s.Nodes.Count);
        Assert.Equal(2 + 3, s.Links.Count);
    }

    [Fact]
    public void Generate_Ring_EndsAttachOpposite()
    {
        Scenario s = Load(new TopologySpec(TopologyShape.Ring) { Nodes = 6 });
        Assert.Equal(6 + 2, s.Links.Count);
        Assert.Equal("r1", s.LinksOf("alice").Single().OtherEnd("alice"));
        Assert.Equal("r4", s.LinksOf("bob").Single().OtherEnd("bob"));
        Assert.Contains(s.Links, l => l.Id == "r1-r6");
    }

    [Fact]
    public void Generate_ProbabilisticDefaults_FollowTheSpan()
    {
        Scenario s = Load(new TopologySpec(TopologyShape.Chain) { Nodes = 2, Heralding = HeraldingScheme.Probabilistic, SpanMetres = 50_000 });
        ProbabilisticLinkSpec p = s.Links[0].Probabilistic!;
        Assert.Equal(0.1, p.SuccessProbability, 12); // 10^(−0.2·50/10)
        Assert.Equal(5e-4, p.AttemptDurationSeconds, 15); // 2·50 km / 2×10⁸ m/s
        Assert.Equal(0.99, p.Fidelity);
    }

    [Fact]
    public void Generate_ZeroSessionCutoff_RoundTripsAsScenarioFilesAllowIt()
    {
        Scenario s = Load(new TopologySpec(TopologyShape.Chain) { Nodes = 3, Session = true, SessionCutoffSeconds = 0 });

        Assert.Equal(0.0, Assert.Single(s.Sessions).CutoffSeconds);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(1e9)]
    public void Spec_SessionCutoffOutsideTheFileRange_RefusedWithTheFileRule(double cutoff)
    {
        var e = Assert.Throws<ArgumentException>(() => new TopologySpec(TopologyShape.Chain) { SessionCutoffSeconds = cutoff });

        Assert.StartsWith("--cutoff " + SessionRequestRules.CutoffSeconds.Requirement, e.Message);
    }

    [Fact]
    public void Generate_SessionOnOneCornerGrid_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => TopologyGenerator.Generate(new TopologySpec(TopologyShape.Grid) { Rows = 1, Columns = 1, Session = true }));
        Assert.StartsWith("--session needs two end nodes", e.Message);
    }

    [Theory]
    [InlineData("nodes")]
    [InlineData("span")]
    [InlineData("swap-success")]
    [InlineData("t2")]
    public void Spec_OutOfRange_NamesTheOption(string option)
    {
        var e = Assert.Throws<ArgumentException>(() => option switch
        {
            "nodes" => new TopologySpec(TopologyShape.Ring) { Nodes = 2 },
            "span" => new TopologySpec(TopologyShape.Chain) { SpanMetres = 0 },
            "swap-success" => new TopologySpec(TopologyShape.Chain) { SwapSuccess = 0 },
            _ => new TopologySpec(TopologyShape.Chain) { T2Seconds = -1 },
        });
        Assert.StartsWith($"--{option} ", e.Message);
    }
}
