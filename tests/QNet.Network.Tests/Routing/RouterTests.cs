using QNet.Network.Generators;
using QNet.Network.Routing;
using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Routing;

public sealed class RouterTests
{
    // Costs are sums of a few millisecond values in seconds; 1e-12 s absorbs rounding of the sums.
    private const double Tolerance = 1e-12;

    [Fact]
    public void KShortestPaths_YenExample_KnownOrder()
    {
        var router = new Router(RoutingGraphs.Yen());
        var paths = router.KShortestPaths("C", "H", 3);
        Assert.Equal(["C → E → F → H", "C → D → E → F → H", "C → E → G → H"], paths.Select(p => p.ToString()));
        Assert.Equal([0.005, 0.007, 0.007], paths.Select(p => p.Cost), new ToleranceComparer(Tolerance));
    }

    [Fact]
    public void KShortestPaths_AllOfThem_MatchBruteForce()
    {
        Topology t = RoutingGraphs.Yen();
        var router = new Router(t);
        var brute = RoutingGraphs.AllPaths(t, router, "C", "H");
        var yen = router.KShortestPaths("C", "H", 100);
        Assert.Equal(brute.Count, yen.Count);
        Assert.Equal(brute.Select(p => p.Cost), yen.Select(p => p.Cost), new ToleranceComparer(Tolerance));
        Assert.Equal(brute.Select(p => p.Key).Order(StringComparer.Ordinal), yen.Select(p => string.Join("|", p.Nodes)).Order(StringComparer.Ordinal));
        Assert.All(yen, p => Assert.Equal(p.Nodes.Count, p.Nodes.Distinct().Count()));
    }

    [Fact]
    public void KShortestPaths_GeneratedGrid_MatchesBruteForceAndIsDeterministic()
    {
        string yaml = TopologyGenerator.Generate(new TopologySpec(TopologyShape.Grid) { Rows = 3, Columns = 3, Heralding = HeraldingScheme.Probabilistic });
        Scenario scenario = ScenarioLoader.Parse(yaml, "grid").Scenario!;
        var router = new Router(new Topology(scenario));
        var brute = RoutingGraphs.AllPaths(router.Topology, router, "e1", "e4");
        var first = router.KShortestPaths("e1", "e4", 20);
        var again = new Router(new Topology(scenario)).KShortestPaths("e1", "e4", 20);
        Assert.Equal(brute.Take(20).Select(p => p.Cost), first.Select(p => p.Cost), new ToleranceComparer(Tolerance));
        Assert.Equal(first.Select(p => p.ToString()), again.Select(p => p.ToString()));
        Assert.Equal(router.ShortestPath("e1", "e4")!.ToString(), first[0].ToString());
    }

    [Fact]
    public void KShortestPaths_DownAndExcludedLinks_AreAvoided()
    {
        Topology t = RoutingGraphs.Yen();
        var router = new Router(t);
        t.MarkDown("F-H");
        var paths = router.KShortestPaths("C", "H", 10, new HashSet<string> { "E-G" });
        // Every path now ends F-G-H (4 ms): C-E-F 4, C-D-E-F 6, then C-D-F and C-E-D-F tie at 7 (ordinal order).
        Assert.Equal(["C → E → F → G → H", "C → D → E → F → G → H", "C → D → F → G → H", "C → E → D → F → G → H"], paths.Select(p => p.ToString()));
        Assert.Equal([0.008, 0.010, 0.011, 0.011], paths.Select(p => p.Cost), new ToleranceComparer(Tolerance));
        t.MarkUp("F-H");
        Assert.Equal("C → E → F → H", router.ShortestPath("C", "H")!.ToString());
    }

    [Fact]
    public void ShortestPath_EndNodeInTheMiddle_IsNotARelay()
    {
        // a - x - b would be cheapest, but x is an end node; the only relay is r.
        var t = RoutingGraphs.Build(["a", "b", "x"], ["r"], ("a", "x", 1, 1), ("x", "b", 1, 1), ("a", "r", 5, 1), ("r", "b", 5, 1));
        var router = new Router(t);
        Assert.Equal("a → r → b", router.ShortestPath("a", "b")!.ToString());
        Assert.Single(router.KShortestPaths("a", "b", 5));
    }

    [Fact]
    public void BestPath_CheapestBelowTarget_PicksTheFaithfulPath()
    {
        // Via r1: fast (1 ms) but Werner pairs of fidelity 0.9 → swapped fidelity about 0.8536.
        // Via r2: slower (3 ms) with fidelity 0.99 links → about 0.9801. Target 0.95.
        var t = RoutingGraphs.Build(["a", "b"], ["r1", "r2"], ("a", "r1", 1, 0.9), ("r1", "b", 1, 0.9), ("a", "r2", 3, 0.99), ("r2", "b", 3, 0.99));
        var router = new Router(t);
        PathMetric cheap = router.Evaluate(router.ShortestPath("a", "b")!, 0.95);
        Assert.Equal("a → r1 → b", cheap.Path.ToString());
        double w = (4 * 0.9 - 1) / 3;
        Assert.Equal((1 + 3 * w * w) / 4, cheap.ExpectedFidelity, 12); // ideal swap of two Werner pairs
        Assert.False(cheap.MeetsTarget);
        Assert.Equal(0, cheap.UsableRateHz);

        PathMetric best = router.BestPath("a", "b", 0.95)!;
        Assert.Equal("a → r2 → b", best.Path.ToString());
        Assert.True(best.ExpectedRateHz > 0);
        Assert.Null(router.BestPath("a", "b", 0.999));
        Assert.Equal("a → r1 → b", router.BestPath("a", "b", 0.5)!.Path.ToString());
    }

    [Fact]
    public void BestPath_AfterMarkDown_ReroutesAndReturnsWhenRepaired()
    {
        var t = RoutingGraphs.Build(["a", "b"], ["r1", "r2"], ("a", "r1", 1, 0.99), ("r1", "b", 1, 0.99), ("a", "r2", 3, 0.99), ("r2", "b", 3, 0.99));
        var router = new Router(t);
        Assert.Equal("a → r1 → b", router.BestPath("a", "b", 0.9)!.Path.ToString());
        t.MarkDown("r1-b");
        Assert.Equal("a → r2 → b", router.BestPath("a", "b", 0.9)!.Path.ToString());
        t.MarkDown("a-r2");
        Assert.Null(router.BestPath("a", "b", 0.9));
        t.MarkUp("r1-b");
        Assert.Equal("a → r1 → b", router.BestPath("a", "b", 0.9)!.Path.ToString());
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
