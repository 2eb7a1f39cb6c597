using QNet.Network.Scenarios;

namespace QNet.Network.Routing;

public sealed partial class Router
{
    /// <summary>
    /// The best by the path metric (as <see cref="BestPath"/>) of up to <paramref name="k"/> link-disjoint candidates:
    /// Yen's 2k cheapest paths, each kept when it shares no link with a cheaper kept one, so the candidates fail
    /// independently (a reroute around a bad link does not land on another path through its neighbour). Null when none
    /// reaches <paramref name="minFidelity"/>.
    /// </summary>
    public PathMetric? BestDisjointPath(string source, string destination, double minFidelity, int k = 3,
        PurificationSpec? purification = null, IReadOnlySet<string>? excludedLinks = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var used = new HashSet<string>(StringComparer.Ordinal);
        int kept = 0;
        PathMetric? best = null;
        foreach (RoutePath path in KShortestPaths(source, destination, 2 * k, excludedLinks))
        {
            if (path.Links.Any(l => used.Contains(l.Id)))
            {
                continue;
            }
            used.UnionWith(path.Links.Select(l => l.Id));
            PathMetric metric = Evaluate(path, minFidelity, purification);
            if (metric.MeetsTarget && (best is null || metric.UsableRateHz > best.UsableRateHz))
            {
                best = metric;
            }
            if (++kept == k)
            {
                break;
            }
        }
        return best;
    }
}
