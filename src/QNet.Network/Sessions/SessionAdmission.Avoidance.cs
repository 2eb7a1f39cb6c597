using QNet.Network.Routing;
using QNet.Network.Scenarios;

namespace QNet.Network.Sessions;

internal sealed partial class SessionAdmission
{
    /// <summary>Candidate paths weighed when something is avoided: up to this many link-disjoint ones among Yen's cheapest.</summary>
    public const int DisjointCandidates = 3;

    /// <summary>Links and nodes new and moved sessions keep off when they can (a mitigation's reroute); an end node is never avoided for its own session.</summary>
    public HashSet<string> Avoided { get; } = new(StringComparer.Ordinal);

    /// <summary>The links a path from <paramref name="source"/> to <paramref name="destination"/> should keep off: avoided links and every link of an avoided node other than the two ends.</summary>
    public HashSet<string> ExcludedLinks(string source, string destination)
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in Avoided)
        {
            if (topology.Links.ContainsKey(id))
            {
                excluded.Add(id);
            }
            else if (id != source && id != destination && topology.Nodes.ContainsKey(id))
            {
                excluded.UnionWith(topology.LinksAt(id).Select(l => l.Id));
            }
        }
        return excluded;
    }

    /// <summary>True when a working path between the two avoids everything avoided.</summary>
    public bool HasAvoidingRoute(string source, string destination) => router.ShortestPath(source, destination, ExcludedLinks(source, destination)) is not null;

    // Nothing avoided: the cheapest path, as always. Otherwise the best (highest usable rate) of the link-disjoint
    // candidates that keep off the avoided elements; with none, the cheapest such path; with none at all, the cheapest
    // path through them (avoidance degrades gracefully, it never refuses a session a path would serve).
    private RoutePath? Route(SessionSpec spec, string member)
    {
        if (Avoided.Count == 0)
        {
            return router.ShortestPath(spec.Source, member);
        }
        var excluded = ExcludedLinks(spec.Source, member);
        return router.BestDisjointPath(spec.Source, member, spec.MinFidelity, DisjointCandidates, spec.Purification, excluded)?.Path
            ?? router.ShortestPath(spec.Source, member, excluded)
            ?? router.ShortestPath(spec.Source, member);
    }
}
