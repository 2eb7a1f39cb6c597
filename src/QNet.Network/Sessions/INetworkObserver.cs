namespace QNet.Network.Sessions;

/// <summary>
/// Hears what the network does, as it happens (simulated time is the simulator's <c>Now</c> at the
/// call): the control plane turns these into metrics and its event stream. Calls come from the
/// simulation thread and must return quickly. Reasons and changes are enums; <see cref="SessionNames"/> spells them.
/// </summary>
public interface INetworkObserver
{
    /// <summary>A link heralded a pair for a session.</summary>
    void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds);

    /// <summary>A link heralded a pair for a session; <paramref name="darkCount"/> when a dark count made the herald.</summary>
    void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds, bool darkCount) =>
        LinkPairGenerated(sessionId, linkId, fidelity, heraldLatencySeconds);

    /// <summary>A repeater attempted a Bell-state measurement for a session.</summary>
    void SwapAttempted(string sessionId, string nodeId, bool success);

    /// <summary>A pair reached the session's application.</summary>
    void PairDelivered(string sessionId, double fidelity);

    /// <summary>A pair was lost, and why (counted by reason in <see cref="SessionReport.Failures"/>).</summary>
    void PairLost(string sessionId, LossReason reason);

    /// <summary>A session was admitted, refused, rerouted, restarted, ended, failed or cancelled; <paramref name="report"/> is its state after the change.</summary>
    void SessionChanged(SessionReport report, SessionChange change);
}
