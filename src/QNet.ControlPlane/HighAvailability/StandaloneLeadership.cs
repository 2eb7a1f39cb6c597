namespace QNet.ControlPlane.HighAvailability;

/// <summary>The single replica of a SQLite store: it always leads, at epoch 1, and never changes.</summary>
internal sealed class StandaloneLeadership(string replicaId, Uri? url) : ILeadership
{
    public string ReplicaId { get; } = replicaId;

    public ReplicaRole Role => ReplicaRole.Standalone;

    public bool IsLeader => true;

    public long Epoch => 1;

    public Uri? LeaderUrl { get; set; } = url;

    public long Failovers => 0;

    // Never raised: a standalone replica's role does not change.
    public event Action<ReplicaRole>? Changed
    {
        add { }
        remove { }
    }
}
