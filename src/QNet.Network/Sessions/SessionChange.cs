namespace QNet.Network.Sessions;

/// <summary>What just happened to a session (<see cref="INetworkObserver.SessionChanged"/>); wire names in <see cref="SessionNames"/>.</summary>
public enum SessionChange
{
    /// <summary>Admitted: a path was found and memory reserved.</summary>
    Admitted,

    /// <summary>Refused at admission.</summary>
    Refused,

    /// <summary>Moved to another path after a link on its path failed.</summary>
    Rerouted,

    /// <summary>Started again on new physics after a link or node on its path changed.</summary>
    Restarted,

    /// <summary>Ended: its request was met or its time was up.</summary>
    Ended,

    /// <summary>Failed: a change or failure left no path that serves it.</summary>
    Failed,

    /// <summary>Cancelled by its requester.</summary>
    Cancelled,

    /// <summary>Failed by a fault (no path left, or none that serves it) and waiting to be re-admitted under the retry policy.</summary>
    Suspended,

    /// <summary>Re-admitted after a fault: running again.</summary>
    Readmitted,

    /// <summary>
    /// Serves degraded: started again on new physics that no longer reach its fidelity target, or, under a slow drift,
    /// its pairs kept missing the target for a sustained time (<see cref="Faults.DriftHealthWatch"/>).
    /// </summary>
    Degraded,

    /// <summary>A degraded session whose pairs meet its fidelity target again for a sustained time (after a calibration): running again.</summary>
    Recovered,
}
