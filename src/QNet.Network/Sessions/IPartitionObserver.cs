using QNet.Network.Entanglement;

namespace QNet.Network.Sessions;

/// <summary>
/// What the paths and runtime of one session in a partition report to, on the partition's own thread, when its
/// <see cref="INetworkObserver"/> offers one (<see cref="INetworkObserver.ForPartition"/>): it keeps what adds up in any
/// order (counts, exact sums) itself and hands it over in <see cref="Merge"/>, and writes to the partition's
/// <see cref="IPartitionLog"/> only what needs the shared thread or the order of events (a series' first use, the event
/// stream, trace spans), which the partition replays into <see cref="Replay"/> in time order. Without one the partition
/// records every call and replays it.
/// </summary>
public interface IPartitionObserver
{
    /// <summary>The reporter of a path of the session (called on the shared thread, when the path is built; it is then called on the partition's).</summary>
    PathReporter ReporterFor(IReadOnlyList<string> linkIds, IReadOnlyList<string> nodeIds);

    /// <summary>A link of the session heralded a pair (named by id: the runtime's or an observer's default calls).</summary>
    void LinkPairGenerated(string linkId, double fidelity, double heraldLatencySeconds, bool darkCount);

    /// <summary>A repeater of the session attempted a Bell-state measurement (named by id).</summary>
    void SwapAttempted(string nodeId, bool success);

    /// <summary>A pair of the session was lost, and why.</summary>
    void PairLost(LossReason reason);

    /// <summary>A pair reached the session's application.</summary>
    void PairDelivered(double fidelity);

    /// <summary>Replays a record it wrote to the log, on the shared thread, with the observed time set to the record's.</summary>
    void Replay(int kind, int index, double value, double latency, bool flag);

    /// <summary>
    /// Called on the shared thread before the partition runs on from a sync point (after the shared simulator's events there):
    /// it may read shared state now that it must not read from the partition's thread (how it is to report, say).
    /// </summary>
    void RunOn();

    /// <summary>
    /// Hands over what it kept since the last merge (shared thread, every partition standing still, after the records
    /// up to the shared simulator's next event were replayed).
    /// </summary>
    void Merge();
}
