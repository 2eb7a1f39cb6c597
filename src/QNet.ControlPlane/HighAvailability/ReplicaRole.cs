namespace QNet.ControlPlane.HighAvailability;

/// <summary>What a control-plane replica does (wire names in <see cref="ReplicaRoleNames"/>).</summary>
public enum ReplicaRole
{
    /// <summary>The only replica (SQLite store): always leads, no election.</summary>
    Standalone,

    /// <summary>Holds the PostgreSQL lease: runs the twin, mitigation, calibration and SLO writes; accepts API writes.</summary>
    Leader,

    /// <summary>Waits for the lease: serves ETSI key delivery from the shared store and forwards API requests to the leader.</summary>
    Follower,
}
