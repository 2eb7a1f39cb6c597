using QNet.Network.Scenarios;

namespace QNet.Network.Routing;

/// <summary>
/// Dijkstra over the topology with some links and nodes left out (the building block of
/// <see cref="Router.ShortestPath"/> and of Yen's k shortest paths). End nodes relay nothing: they
/// may only start or end a path. Ties are broken by node id in ordinal order, so results do not
/// depend on the machine's culture or on hash order.
/// </summary>
internal static class PathSearch
{
    private static readonly IComparer<(double Cost, string Node)> Order = Comparer<(double Cost, string Node)>.Create((x, y) =>
    {
        int c = x.Cost.CompareTo(y.Cost);
        return c != 0 ? c : string.CompareOrdinal(x.Node, y.Node);
    });

    /// <summary>The cheapest path from source to destination avoiding the given links and nodes, or null.</summary>
    public static RoutePath? Cheapest(Topology topology, Func<LinkSpec, double> costOf, string source, string destination,
        IReadOnlySet<string>? excludedLinks, IReadOnlySet<string>? excludedNodes)
    {
        if (!topology.Nodes.ContainsKey(source) || !topology.Nodes.ContainsKey(destination))
        {
            return null;
        }
        var dist = new Dictionary<string, double>(StringComparer.Ordinal) { [source] = 0 };
        var via = new Dictionary<string, LinkSpec>(StringComparer.Ordinal);
        var queue = new PriorityQueue<string, (double, string)>(Order);
        queue.Enqueue(source, (0, source));
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out string? node, out var key))
        {
            if (!done.Add(node))
            {
                continue;
            }
            if (node == destination)
            {
                break;
            }
            if (node != source && topology.Nodes[node].Kind != NodeKind.Repeater)
            {
                continue; // end nodes do not relay
            }
            foreach (LinkSpec link in topology.LinksAt(node))
            {
                if (!topology.IsUp(link.Id) || (excludedLinks?.Contains(link.Id) ?? false))
                {
                    continue;
                }
                string next = link.OtherEnd(node);
                if (done.Contains(next) || (excludedNodes?.Contains(next) ?? false))
                {
                    continue;
                }
                double d = key.Item1 + costOf(link);
                if (!dist.TryGetValue(next, out double old) || d < old)
                {
                    dist[next] = d;
                    via[next] = link;
                    queue.Enqueue(next, (d, next));
                }
            }
        }
        if (!done.Contains(destination))
        {
            return null;
        }
        var nodes = new List<string> { destination };
        var links = new List<LinkSpec>();
        for (string at = destination; at != source;)
        {
            LinkSpec link = via[at];
            links.Add(link);
            at = link.OtherEnd(at);
            nodes.Add(at);
        }
        nodes.Reverse();
        links.Reverse();
        return new RoutePath(nodes, links, dist[destination]);
    }
}
