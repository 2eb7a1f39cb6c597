using QNet.Network.Links;
using QNet.Network.Routing;
using QNet.Network.Scenarios;

namespace QNet.Network.Sessions;

/// <summary>
/// The shared generation channels of every link that declares a number of them (<see cref="LinkSpec.Channels"/>),
/// one pool per link, made when a session first uses the link. A link whose channels or sharing changed gets a new
/// pool (its sessions restart on the change and move to it).
/// </summary>
internal sealed class SharedChannels(Topology topology)
{
    private readonly Dictionary<string, LinkChannelPool> _pools = new(StringComparer.Ordinal);

    /// <summary>The pools a session on <paramref name="route"/> draws on, or null when none of its links shares channels.</summary>
    public ChannelShare? For(RoutePath route, SessionSpec spec)
    {
        LinkChannelPool?[]? pools = null;
        for (int j = 0; j < route.Links.Count; j++)
        {
            LinkSpec link = route.Links[j];
            if (link.Channels is not { } channels)
            {
                continue;
            }
            if (!_pools.TryGetValue(link.Id, out LinkChannelPool? pool) || pool.Channels != channels || pool.Sharing != link.Sharing)
            {
                pool = new LinkChannelPool(link.Id, channels, link.Sharing, channels * topology.PhysicsOf(link).ExpectedRateHz);
                _pools[link.Id] = pool;
            }
            pools ??= new LinkChannelPool?[route.Links.Count];
            pools[j] = pool;
        }
        return pools is null ? null : new ChannelShare(pools, spec.Priority, spec.RateHz);
    }
}
