using QNet.Network.Links;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Network.Routing;

/// <summary>
/// The network as a graph: nodes, links and, per link, its derived physics (expected rate and
/// delivered fidelity), which routing weighs. Links can be marked down (failed) and up again.
/// </summary>
public sealed class Topology
{
    private readonly Dictionary<string, NodeSpec> _nodes;
    private readonly Dictionary<string, LinkSpec> _links;
    private readonly Dictionary<string, List<LinkSpec>> _adjacent;
    private readonly Dictionary<string, LinkPhysics> _physics = [];
    private readonly HashSet<string> _down = [];

    /// <summary>Builds the graph of a scenario.</summary>
    public Topology(Scenario scenario)
    {
        Scenario = scenario;
        _nodes = scenario.Nodes.ToDictionary(n => n.Id);
        _links = scenario.Links.ToDictionary(l => l.Id);
        _adjacent = scenario.Nodes.ToDictionary(n => n.Id, _ => new List<LinkSpec>());
        foreach (LinkSpec link in scenario.Links)
        {
            _adjacent[link.NodeA].Add(link);
            _adjacent[link.NodeB].Add(link);
        }
    }

    /// <summary>The scenario this graph was built from.</summary>
    public Scenario Scenario { get; }

    /// <summary>Nodes by id.</summary>
    public IReadOnlyDictionary<string, NodeSpec> Nodes => _nodes;

    /// <summary>Links by id.</summary>
    public IReadOnlyDictionary<string, LinkSpec> Links => _links;

    /// <summary>The links at a node, in file order.</summary>
    public IReadOnlyList<LinkSpec> LinksAt(string node) => _adjacent[node];

    /// <summary>Whether a link is usable (not marked down).</summary>
    public bool IsUp(string linkId) => !_down.Contains(linkId);

    /// <summary>Marks a link failed; routing avoids it until <see cref="MarkUp"/>.</summary>
    public void MarkDown(string linkId)
    {
        EnsureLink(linkId);
        _down.Add(linkId);
    }

    /// <summary>Marks a link usable again.</summary>
    public void MarkUp(string linkId)
    {
        EnsureLink(linkId);
        _down.Remove(linkId);
    }

    /// <summary>The link's per-attempt physics, derived once.</summary>
    public LinkPhysics PhysicsOf(LinkSpec link)
    {
        if (!_physics.TryGetValue(link.Id, out LinkPhysics? physics))
        {
            physics = LinkModelFactory.Create(link).Derive();
            _physics[link.Id] = physics;
        }
        return physics;
    }

    private void EnsureLink(string linkId)
    {
        if (!_links.ContainsKey(linkId))
        {
            throw new ArgumentException($"unknown link '{linkId}'.", nameof(linkId));
        }
    }
}
