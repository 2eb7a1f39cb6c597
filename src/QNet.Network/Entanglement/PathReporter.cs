namespace QNet.Network.Entanglement;

/// <summary>
/// What one path protocol reports to: its session's <see cref="IPathObserver"/> with the path's links and nodes resolved
/// once, when the path is built (<see cref="IPathObserver.ReporterFor"/>). A herald or a swap names its link or node by
/// position on the path, so an observer that keeps per-link and per-node state finds it without a string lookup.
/// Calls come from the simulation thread and must return quickly.
/// </summary>
public abstract class PathReporter
{
    /// <summary>Link <paramref name="link"/> of the path (link j joins positions j and j+1) heralded a pair; <paramref name="darkCount"/> when a dark count made the herald.</summary>
    public abstract void LinkPairGenerated(int link, double fidelity, double heraldLatencySeconds, bool darkCount);

    /// <summary>The repeater at position <paramref name="node"/> of the path attempted a Bell-state measurement.</summary>
    public abstract void SwapAttempted(int node, bool success);

    /// <summary>A pair of the path was lost, and why.</summary>
    public abstract void PairLost(LossReason reason);

    /// <summary>
    /// False when a loss of <paramref name="reason"/> would change nothing the observer keeps or publishes now, so a
    /// reporter that records calls to replay them later (a session partition's) may leave it out. It may be asked from a
    /// thread other than the observer's, so it must read only what is safe to read there. True unless overridden.
    /// </summary>
    public virtual bool Hears(LossReason reason) => true;
}

/// <summary>Reports a path to an observer by its string ids (the default of <see cref="IPathObserver.ReporterFor"/>).</summary>
internal sealed class ForwardingPathReporter(IPathObserver observer, string sessionId, IReadOnlyList<string> linkIds, IReadOnlyList<string> nodeIds)
    : PathReporter
{
    private readonly string[] _links = [.. linkIds];
    private readonly string[] _nodes = [.. nodeIds];

    public override void LinkPairGenerated(int link, double fidelity, double heraldLatencySeconds, bool darkCount) =>
        observer.LinkPairGenerated(sessionId, _links[link], fidelity, heraldLatencySeconds, darkCount);

    public override void SwapAttempted(int node, bool success) => observer.SwapAttempted(sessionId, _nodes[node], success);

    public override void PairLost(LossReason reason) => observer.PairLost(sessionId, reason);
}
