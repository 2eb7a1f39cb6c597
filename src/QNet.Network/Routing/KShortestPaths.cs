using QNet.Network.Scenarios;

namespace QNet.Network.Routing;

/// <summary>
/// Yen's algorithm: the k cheapest loopless paths, cheapest first. Each next path deviates from an
/// accepted one at a spur node: the accepted root up to the spur is kept, the links the accepted
/// paths take out of that root are removed, the root's other nodes are removed, and the cheapest
/// spur to the destination completes a candidate. Candidates tie-break on their node ids (ordinal),
/// so the list is deterministic.
/// </summary>
internal static class KShortestPaths
{
    public static IReadOnlyList<RoutePath> Find(Topology topology, Func<LinkSpec, double> costOf, string source, string destination,
        int k, IReadOnlySet<string>? excludedLinks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var accepted = new List<RoutePath>();
        RoutePath? first = PathSearch.Cheapest(topology, costOf, source, destination, excludedLinks, null);
        if (first is null)
        {
            return accepted;
        }
        accepted.Add(first);
        var candidates = new List<RoutePath>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { Key(first) };
        while (accepted.Count < k)
        {
            RoutePath last = accepted[^1];
            for (int i = 0; i < last.Links.Count; i++)
            {
                string spur = last.Nodes[i];
                var removedLinks = new HashSet<string>(excludedLinks ?? new HashSet<string>(), StringComparer.Ordinal);
                foreach (RoutePath p in accepted)
                {
                    if (p.Nodes.Count > i + 1 && SamePrefix(p, last, i))
                    {
                        removedLinks.Add(p.Links[i].Id);
                    }
                }
                var removedNodes = new HashSet<string>(last.Nodes.Take(i), StringComparer.Ordinal);
                RoutePath? tail = PathSearch.Cheapest(topology, costOf, spur, destination, removedLinks, removedNodes);
                if (tail is null)
                {
                    continue;
                }
                var nodes = last.Nodes.Take(i).Concat(tail.Nodes).ToArray();
                var links = last.Links.Take(i).Concat(tail.Links).ToArray();
                var candidate = new RoutePath(nodes, links, links.Sum(costOf));
                if (seen.Add(Key(candidate)))
                {
                    candidates.Add(candidate);
                }
            }
            if (candidates.Count == 0)
            {
                break;
            }
            RoutePath best = candidates[0];
            foreach (RoutePath c in candidates.Skip(1))
            {
                if (Compare(c, best) < 0)
                {
                    best = c;
                }
            }
            candidates.Remove(best);
            accepted.Add(best);
        }
        return accepted;
    }

    private static bool SamePrefix(RoutePath a, RoutePath b, int nodes)
    {
        for (int j = 0; j <= nodes; j++)
        {
            if (a.Nodes[j] != b.Nodes[j] || (j < nodes && a.Links[j].Id != b.Links[j].Id))
            {
                return false;
            }
        }
        return true;
    }

    private static int Compare(RoutePath a, RoutePath b)
    {
        int c = a.Cost.CompareTo(b.Cost);
        return c != 0 ? c : string.CompareOrdinal(Key(a), Key(b));
    }

    // Links identify a path (two parallel links make two paths over the same nodes).
    private static string Key(RoutePath p) => string.Join('|', p.Nodes) + "#" + string.Join('|', p.Links.Select(l => l.Id));
}
