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

    /// <summary>
    /// What a path of session <paramref name="sessionId"/> over <paramref name="linkIds"/> and <paramref name="nodeIds"/>
    /// reports to, asked once when the path is built (its links and nodes do not change afterwards). By default it calls
    /// the methods above with the ids; an observer that keeps state per link or node resolves it here instead of per call.
    /// </summary>
    PathReporter ReporterFor(string sessionId, IReadOnlyList<string> linkIds, IReadOnlyList<string> nodeIds) =>
        new ForwardingPathReporter(this, sessionId, linkIds, nodeIds);
}
