using QNet.Network.Entanglement;
using QNet.Network.Routing;
using QNet.Network.Scenarios;

namespace QNet.Network.Sessions;

// Slow changes (a drift's steps) retune running paths in place instead of restarting their sessions, so stored pairs
// are kept: only attempts, decoherence and swaps from now on see the new physics.
public sealed partial class SessionScheduler
{
    /// <summary>A link's physics drifted: running paths over it attempt with the new model from now on (no restart).</summary>
    public void RetuneLink(LinkSpec link)
    {
        Topology.ReplaceLink(link);
        RetunePaths(p => p.Path.LinkIds.Contains(link.Id));
    }

    /// <summary>A node's memory or measurement drifted (same slots): running paths through it use them from now on (no restart).</summary>
    public void RetuneNode(NodeSpec node)
    {
        if (Topology.Nodes[node.Id].Memory.Slots != node.Memory.Slots)
        {
            throw new ArgumentException($"retuning node {node.Id} cannot change its memory slots; apply it as a change.", nameof(node));
        }
        Topology.ReplaceNode(node);
        RetunePaths(p => p.Path.Nodes.Contains(node.Id));
    }

    private void RetunePaths(Func<PathProtocol, bool> affected)
    {
        foreach (PathProtocol path in RunningPaths.Where(affected).ToArray())
        {
            var links = path.Path.LinkIds.Select(id => Topology.Links[id]).ToArray();
            path.Retune(PathEstimates.Define(Topology, new RoutePath(path.Path.Nodes, links, 0)));
        }
    }
}
