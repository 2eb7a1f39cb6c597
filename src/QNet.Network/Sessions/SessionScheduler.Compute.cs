namespace QNet.Network.Sessions;

/// <summary>The processors of the network's compute servers, one shared <see cref="ComputeServer"/> per node.</summary>
public sealed partial class SessionScheduler
{
    private readonly Dictionary<string, ComputeServer> _computeServers = new(StringComparer.Ordinal);

    // Every compute session served by a node shares its processor; null when the node hosts none.
    private ComputeServer? ComputeServerOf(string node)
    {
        if (_computeServers.TryGetValue(node, out ComputeServer? server))
        {
            return server;
        }
        if (Topology.Nodes.GetValueOrDefault(node) is not { Processor: { } processor } spec)
        {
            return null;
        }
        server = new ComputeServer(_sim, processor, spec.Memory);
        _computeServers[node] = server;
        return server;
    }
}
