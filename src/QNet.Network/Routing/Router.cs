using QNet.Network.Scenarios;

namespace QNet.Network.Routing;

/// <summary>
/// Chooses paths through the topology. A link's cost is its expected time to one pair, τ/p, scaled
/// up by its infidelity (a link of Werner parameter w costs 1/w more), so paths are short in time and
/// high in fidelity; down links and, optionally, excluded links are avoided. Dijkstra over node ids,
/// ties broken by node id (ordinal) so results are deterministic; Yen's algorithm for k paths, and a
/// path metric (expected rate and fidelity) to pick among them. The metric is documented in docs/planning.md.
/// </summary>
public sealed partial class Router(Topology topology)
{
    /// <summary>The topology routed over.</summary>
    public Topology Topology { get; } = topology;

    /// <summary>The cost of one link (expected seconds to a pair, weighted by fidelity).</summary>
    public double CostOf(LinkSpec link)
    {
        var physics = Topology.PhysicsOf(link);
        double w = Math.Max(1e-6, physics.HeraldedState.WernerParameter);
        return physics.AttemptDuration.Seconds / physics.SuccessProbability / w;
    }

    /// <summary>The cheapest path, or null when none exists. Repeaters may be crossed; end nodes only at the ends.</summary>
    public RoutePath? ShortestPath(string source, string destination, IReadOnlySet<string>? excludedLinks = null) =>
        PathSearch.Cheapest(Topology, CostOf, source, destination, excludedLinks, null);

    /// <summary>
    /// The <paramref name="k"/> cheapest loopless paths (Yen's algorithm), cheapest first; fewer when
    /// the graph has fewer. Down links and <paramref name="excludedLinks"/> are avoided.
    /// </summary>
    public IReadOnlyList<RoutePath> KShortestPaths(string source, string destination, int k, IReadOnlySet<string>? excludedLinks = null) =>
        KShortestPaths(source, destination, k, CostOf, excludedLinks);

    /// <summary>Yen's k shortest paths under another link cost (e.g. hop count, <c>_ => 1</c>).</summary>
    public IReadOnlyList<RoutePath> KShortestPaths(string source, string destination, int k, Func<LinkSpec, double> costOf,
        IReadOnlySet<string>? excludedLinks = null) =>
        Routing.KShortestPaths.Find(Topology, costOf, source, destination, k, excludedLinks);

    /// <summary>The expected rate and fidelity of <paramref name="path"/> (purified as <paramref name="purification"/> says, if given).</summary>
    public PathMetric Evaluate(RoutePath path, double minFidelity = 0, PurificationSpec? purification = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new PathMetric(path, PathEstimates.LaneRateHz(Topology, path),
            PathEstimates.Fidelity(Topology, path, purification), minFidelity);
    }

    /// <summary>
    /// The best of the <paramref name="k"/> cheapest paths by the path metric: the highest usable rate
    /// (expected rate of a path whose expected fidelity reaches <paramref name="minFidelity"/>); ties
    /// go to the cheaper path. Null when no path exists or none reaches the target. Call it again after
    /// <see cref="Topology.MarkDown"/> or <see cref="Topology.ReplaceLink"/> to reroute.
    /// </summary>
    public PathMetric? BestPath(string source, string destination, double minFidelity, int k = 4,
        PurificationSpec? purification = null, IReadOnlySet<string>? excludedLinks = null)
    {
        PathMetric? best = null;
        foreach (RoutePath path in KShortestPaths(source, destination, k, excludedLinks))
        {
            PathMetric metric = Evaluate(path, minFidelity, purification);
            if (metric.MeetsTarget && (best is null || metric.UsableRateHz > best.UsableRateHz))
            {
                best = metric;
            }
        }
        return best;
    }
}
