using System.Globalization;
using System.Text;
using QNet.Network.Routing;
using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Routing;

/// <summary>Small graphs for routing tests: probabilistic links with p = 1 and F = 1, so a link's router cost is its attempt duration.</summary>
internal static class RoutingGraphs
{
    /// <summary>Builds a topology; <paramref name="ends"/> are end nodes, the rest repeaters; edges (a, b, cost in ms[, fidelity]).</summary>
    public static Topology Build(string[] ends, string[] repeaters, params (string A, string B, double Ms, double Fidelity)[] edges)
    {
        var yaml = new StringBuilder("name: g\nnodes:\n");
        foreach (string e in ends)
        {
            yaml.Append($"  - {{ id: {e}, kind: end, memory: {{ slots: 8 }} }}\n");
        }
        foreach (string r in repeaters)
        {
            yaml.Append($"  - {{ id: {r}, kind: repeater, memory: {{ slots: 16 }} }}\n");
        }
        yaml.Append("links:\n");
        foreach (var (a, b, ms, f) in edges)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: {a}-{b}, between: [{a}, {b}], heralding: probabilistic, successProbability: 1, attemptDuration: {ms}ms, fidelity: {f} }}\n");
        }
        ScenarioLoadResult loaded = ScenarioLoader.Parse(yaml.ToString(), "g");
        Assert.True(loaded.Scenario is not null, string.Join("\n", loaded.Errors));
        return new Topology(loaded.Scenario!);
    }

    /// <summary>The textbook Yen example (undirected): C and H are end nodes.</summary>
    public static Topology Yen() => Build(["C", "H"], ["D", "E", "F", "G"],
        ("C", "D", 3, 1), ("C", "E", 2, 1), ("D", "F", 4, 1), ("E", "D", 1, 1), ("E", "F", 2, 1),
        ("E", "G", 3, 1), ("F", "G", 2, 1), ("F", "H", 1, 1), ("G", "H", 2, 1));

    /// <summary>Every loopless path by depth-first search (end nodes only at the ends), as (node sequence, cost) sorted by cost.</summary>
    public static List<(string Key, double Cost)> AllPaths(Topology t, Router router, string from, string to)
    {
        var found = new List<(string, double)>();
        void Walk(string at, List<string> nodes, double cost)
        {
            if (at == to)
            {
                found.Add((string.Join("|", nodes), cost));
                return;
            }
            if (at != from && t.Nodes[at].Kind == NodeKind.End)
            {
                return;
            }
            foreach (LinkSpec l in t.LinksAt(at))
            {
                string next = l.OtherEnd(at);
                if (!nodes.Contains(next) && t.IsUp(l.Id))
                {
                    nodes.Add(next);
                    Walk(next, nodes, cost + router.CostOf(l));
                    nodes.RemoveAt(nodes.Count - 1);
                }
            }
        }
        Walk(from, [from], 0);
        return found.OrderBy(p => p.Item2).ToList();
    }
}
