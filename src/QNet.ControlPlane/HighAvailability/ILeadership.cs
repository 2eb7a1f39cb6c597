namespace QNet.ControlPlane.HighAvailability;

/// <summary>
/// Which replica of the control plane leads, as the rest of the control plane sees it. Registered in DI in every
/// mode: <see cref="ReplicaRole.Standalone"/> on SQLite (always the leader), an election on PostgreSQL. Anything that
/// acts on the network (the twin, agents, reconcilers) acts only while <see cref="IsLeader"/> is true and stops at
/// <see cref="Changed"/> when it turns false.
/// </summary>
public interface ILeadership
{
    /// <summary>This replica's id (unique among the replicas on one store).</summary>
    string ReplicaId { get; }

    /// <summary>This replica's role now.</summary>
    ReplicaRole Role { get; }

    /// <summary>True when this replica may run the network and write (leader or standalone).</summary>
    bool IsLeader { get; }

    /// <summary>The lease epoch this replica holds (bumped by each new leader; 0 when it does not lead; 1 standalone).</summary>
    long Epoch { get; }

    /// <summary>The leader's advertised API URL (this replica's own when it leads); null while no live leader is known.</summary>
    Uri? LeaderUrl { get; }

    /// <summary>Leases this replica took over from an earlier leader (the failover counter).</summary>
    long Failovers { get; }

    /// <summary>Raised (on a background thread) with the new role whenever <see cref="Role"/> changes.</summary>
    event Action<ReplicaRole>? Changed;
}
