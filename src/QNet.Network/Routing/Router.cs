using QNet.Network.Scenarios;

namespace QNet.Network.Routing;

/// <summary>
/// Chooses paths through the topology. A link's cost is its expected time to one pair, τ/p, scaled
/// up by its infidelity (a link of Werner parameter w costs 1/w more), so paths are short in time and
/// high in fidelity; down links and, optionally, excluded links are avoided. Dijkstra over node ids,
/// ties broken by node id so results are deterministic.
/// </summary>
public sealed class Router(Topology topology)
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
    public RoutePath? ShortestPath(string source, string destination, IReadOnlySet<string>? excludedLinks = null)
    {
        if (!Topology.Nodes.ContainsKey(source) || !Topology.Nodes.ContainsKey(destination))
        {
            return null;
        }
        var dist = new Dictionary<string, double> { [source] = 0 };
        var via = new Dictionary<string, LinkSpec>();
        var queue = new PriorityQueue<string, (double, string)>();
        queue.Enqueue(source, (0, source));
        var done = new HashSet<string>();
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
            if (node != source && Topology.Nodes[node].Kind != NodeKind.Repeater)
            {
                continue; // end nodes do not relay
            }
            foreach (LinkSpec link in Topology.LinksAt(node))
            {
                if (!Topology.IsUp(link.Id) || (excludedLinks?.Contains(link.Id) ?? false))
                {
                    continue;
                }
                string next = link.OtherEnd(node);
                double d = key.Item1 + CostOf(link);
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
