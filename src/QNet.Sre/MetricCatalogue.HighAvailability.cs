namespace QNet.Sre;

public static partial class MetricCatalogue
{
    /// <summary><c>qnet_ha_leader</c>{replica}: 1 on the replica that leads the control plane (or runs standalone), 0 on a follower.</summary>
    public const string HaLeader = "qnet_ha_leader";

    /// <summary><c>qnet_ha_failovers_total</c>{replica}: leases this replica took over from a leader that did not release it (crash, lost connection).</summary>
    public const string HaFailovers = "qnet_ha_failovers";
}
