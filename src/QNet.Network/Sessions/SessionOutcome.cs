namespace QNet.Network.Sessions;

/// <summary>How a session ended, or where it stands now (its status); wire names in <see cref="SessionNames"/>.</summary>
public enum SessionOutcome
{
    /// <summary>Not yet started when the run ended.</summary>
    Pending,

    /// <summary>Refused at admission (see the reason).</summary>
    Refused,

    /// <summary>Admitted and still serving when the run ended.</summary>
    Running,

    /// <summary>Met its request (pair count, rate, or served its whole duration).</summary>
    Completed,

    /// <summary>Admitted but did not meet its request (see the reason).</summary>
    Failed,

    /// <summary>Ended early by its requester (the control API's <c>DELETE</c>).</summary>
    Cancelled,

    /// <summary>
    /// Admitted and still serving, but a fault lowered its path's estimated fidelity below its target: pairs below the
    /// target are discarded and counted missed until a mitigation moves or purifies it, or the fault clears.
    /// </summary>
    Degraded,
}
