namespace QNet.Network.Mitigation;

/// <summary>What a mitigation rule does when its signal crosses its threshold (wire names in <see cref="MitigationNames"/>).</summary>
public enum MitigationAction
{
    /// <summary>New and moved sessions avoid the link or repeater (F1, F6); running ones move to a link-disjoint candidate path.</summary>
    Reroute,

    /// <summary>A session whose pairs miss its fidelity target purifies one round more (F2, F6).</summary>
    RaisePurification,

    /// <summary>Sessions through a repeater or end node whose memory lost coherence keep pairs for a shorter cutoff (F3).</summary>
    ShortenCutoff,

    /// <summary>Session requests below a priority get 429 with Retry-After while the command queue is backed up (F4).</summary>
    ShedLoad,

    /// <summary>The link's sources are resynchronized: its two-photon visibility is restored (F2).</summary>
    ResyncSources,

    /// <summary>The link's devices are calibrated: its drift returns to zero (F8).</summary>
    RunCalibration,

    /// <summary>Key production on a QKD link pauses while its QBER is above the abort threshold (F5, owned by the QKD side).</summary>
    PauseQkd,

    /// <summary>A QKD link whose blocks fail verification rolls back to the last shared configuration version (F7, owned by the QKD side).</summary>
    RollbackQkdConfig,
}
