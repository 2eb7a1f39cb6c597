namespace QNet.Network.Entanglement;

/// <summary>
/// Why a pair meant for a session was lost (<see cref="IPathObserver.PairLost"/>, and the session report's failures).
/// Declared in the order of their wire names (the session layer's name table), so reports list them as they always have.
/// </summary>
public enum LossReason
{
    /// <summary>Delivered end to end below the session's fidelity target, and discarded.</summary>
    BelowFidelity,

    /// <summary>Held in memory longer than the session's cutoff, and discarded.</summary>
    Cutoff,

    /// <summary>A purification round failed.</summary>
    PurificationFailed,

    /// <summary>A repeater's Bell-state measurement failed.</summary>
    SwapFailed,
}
