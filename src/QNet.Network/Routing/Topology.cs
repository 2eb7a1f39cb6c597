using QNet.Network.Links;
using QNet.Network.Scenarios;

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

    /// <summary>
    /// Replaces a link's parameters live (an attenuation step, a recalibration); its ends must stay the same.
    /// </summary>
    public void ReplaceLink(LinkSpec link)
    {
        EnsureLink(link.Id);
        LinkSpec old = _links[link.Id];
        if (old.NodeA != link.NodeA || old.NodeB != link.NodeB)
        {
            throw new ArgumentException($"link {link.Id} must keep its ends {old.NodeA} and {old.NodeB}.", nameof(link));
        }
        _links[link.Id] = link;
        foreach (string end in new[] { link.NodeA, link.NodeB })
        {
            List<LinkSpec> list = _adjacent[end];
            list[list.FindIndex(l => l.Id == link.Id)] = link;
        }
        _physics.Remove(link.Id);
    }

    /// <summary>Replaces a node's parameters live (a memory degradation, a new measurement calibration).</summary>
    public void ReplaceNode(NodeSpec node)
    {
        if (!_nodes.TryGetValue(node.Id, out NodeSpec? old))
        {
            throw new ArgumentException($"unknown node '{node.Id}'.", nameof(node));
        }
        if (old.Kind != node.Kind)
        {
            throw new ArgumentException($"node {node.Id} must stay a {ScenarioNames.Of(old.Kind)} node.", nameof(node));
        }
        _nodes[node.Id] = node;
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
