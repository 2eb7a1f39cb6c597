namespace QNet.Network.Entanglement;

/// <summary>
/// Hears what a path protocol does for a session, as it happens: heralded link pairs, swap attempts
/// and lost pairs. It is the part of the session layer's <c>INetworkObserver</c> that a path needs,
/// declared here so that the entanglement layer does not depend on the session layer above it.
/// Calls come from the simulation thread and must return quickly.
/// </summary>
public interface IPathObserver
{
    /// <summary>A link heralded a pair for a session.</summary>
    void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds);

    /// <summary>A link heralded a pair for a session; <paramref name="darkCount"/> when a dark count made the herald.</summary>
    void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds, bool darkCount) =>
        LinkPairGenerated(sessionId, linkId, fidelity, heraldLatencySeconds);

    /// <summary>A repeater attempted a Bell-state measurement for a session.</summary>
    void SwapAttempted(string sessionId, string nodeId, bool success);

    /// <summary>A pair was lost, and why (counted by reason in the session report's failures).</summary>
    void PairLost(string sessionId, LossReason reason);
}
