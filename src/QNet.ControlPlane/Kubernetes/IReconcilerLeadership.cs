namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// Whether this replica may reconcile now: only the leader changes the network and writes statuses. The default
/// (<see cref="Always"/>) suits one replica; several replicas register one backed by their leader election.
/// </summary>
internal interface IReconcilerLeadership
{
    /// <summary>True while this replica leads.</summary>
    bool IsLeader { get; }

    /// <summary>A replica that always leads (a single control plane).</summary>
    static IReconcilerLeadership Always { get; } = new FuncLeadership(() => true);

    /// <summary>Leadership as a function (the leader election's current answer).</summary>
    static IReconcilerLeadership From(Func<bool> isLeader) => new FuncLeadership(isLeader);
}

/// <summary><see cref="IReconcilerLeadership"/> answered by a function.</summary>
internal sealed class FuncLeadership(Func<bool> isLeader) : IReconcilerLeadership
{
    public bool IsLeader => isLeader();
}
