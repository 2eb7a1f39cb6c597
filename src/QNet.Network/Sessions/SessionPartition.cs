using QNet.Kernel;
using QNet.Network.Entanglement;

namespace QNet.Network.Sessions;

/// <summary>
/// One session's own simulator when the scheduler runs sessions in partitions (<see cref="SessionScheduler.PartitionThreads"/>):
/// its path protocols, links, purification and application run here, apart from the control events of the shared
/// simulator and from every other session. Nothing it does reaches shared state while it runs: what it tells the
/// observer is recorded with its simulated time and replayed on the shared simulator's thread at the next sync point
/// (<see cref="SessionPartitions"/>), and a request met is only marked here, ended there at its true time.
/// The simulator has the shared one's seed, so the session's random streams (derived from the seed and a key) are the same.
/// </summary>
internal sealed class SessionPartition : INetworkObserver
{
    private readonly INetworkObserver? _target;
    private readonly List<Entry> _entries = [];
    private int _head;

    /// <summary>Creates the partition of <paramref name="session"/> with its clock at <paramref name="now"/>.</summary>
    public SessionPartition(Session session, ulong seed, SimTime now, INetworkObserver? target)
    {
        Session = session;
        _target = target;
        Simulator = new Simulator(seed);
        Simulator.RunUntil(now);
    }

    /// <summary>The session it runs.</summary>
    public Session Session { get; }

    /// <summary>Its simulator.</summary>
    public Simulator Simulator { get; }

    /// <summary>The observer its paths and runtime report to: this partition when there is a target to replay into, else none.</summary>
    public INetworkObserver? Observer => _target is null ? null : this;

    /// <summary>When the session's request was met (picoseconds), until the shared simulator takes it; null otherwise.</summary>
    public long? RequestMetAt { get; private set; }

    /// <summary>True when the session reached its final outcome: the partition leaves the group once its records are replayed.</summary>
    public bool Retired { get; set; }

    /// <summary>Records not yet replayed.</summary>
    public int Pending => _entries.Count - _head;

    /// <summary>The request was met now (the first time counts; the runtime has halted its paths).</summary>
    public void MarkRequestMet() => RequestMetAt ??= Simulator.Now.Picoseconds;

    /// <summary>Takes the mark of a met request.</summary>
    public long? TakeRequestMet()
    {
        long? at = RequestMetAt;
        RequestMetAt = null;
        return at;
    }

    /// <summary>The time of the oldest record not yet replayed, in picoseconds.</summary>
    public bool TryPeek(out long time)
    {
        if (_head < _entries.Count)
        {
            time = _entries[_head].Time;
            return true;
        }
        time = 0;
        return false;
    }

    /// <summary>Replays the oldest record into the target (the caller sets the observed time to <see cref="TryPeek"/>'s).</summary>
    public void ReplayNext()
    {
        Entry e = _entries[_head++];
        if (_head == _entries.Count)
        {
            _entries.Clear();
            _head = 0;
        }
        INetworkObserver target = _target!;
        switch (e.Kind)
        {
            case EntryKind.PathHerald:
                ((PathReporter)e.Target!).LinkPairGenerated(e.Index, e.Value, e.Latency, e.Flag);
                break;
            case EntryKind.PathSwap:
                ((PathReporter)e.Target!).SwapAttempted(e.Index, e.Flag);
                break;
            case EntryKind.PathLoss:
                ((PathReporter)e.Target!).PairLost((LossReason)e.Index);
                break;
            case EntryKind.Herald:
                target.LinkPairGenerated(e.SessionId!, (string)e.Target!, e.Value, e.Latency, e.Flag);
                break;
            case EntryKind.Swap:
                target.SwapAttempted(e.SessionId!, (string)e.Target!, e.Flag);
                break;
            case EntryKind.Loss:
                target.PairLost(e.SessionId!, (LossReason)e.Index);
                break;
            case EntryKind.Delivery:
                target.PairDelivered(e.SessionId!, e.Value);
                break;
        }
    }

    /// <summary>Records a call of a path's reporter.</summary>
    internal void Record(EntryKind kind, PathReporter reporter, int index, double value, double latency, bool flag) =>
        _entries.Add(new Entry(Simulator.Now.Picoseconds, kind, reporter, null, index, value, latency, flag));

    public void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds) =>
        LinkPairGenerated(sessionId, linkId, fidelity, heraldLatencySeconds, false);

    public void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds, bool darkCount) =>
        _entries.Add(new Entry(Simulator.Now.Picoseconds, EntryKind.Herald, linkId, sessionId, 0, fidelity, heraldLatencySeconds, darkCount));

    public void SwapAttempted(string sessionId, string nodeId, bool success) =>
        _entries.Add(new Entry(Simulator.Now.Picoseconds, EntryKind.Swap, nodeId, sessionId, 0, 0, 0, success));

    public void PairLost(string sessionId, LossReason reason) =>
        _entries.Add(new Entry(Simulator.Now.Picoseconds, EntryKind.Loss, null, sessionId, (int)reason, 0, 0, false));

    public void PairDelivered(string sessionId, double fidelity) =>
        _entries.Add(new Entry(Simulator.Now.Picoseconds, EntryKind.Delivery, null, sessionId, 0, fidelity, 0, false));

    /// <summary>Session changes are the shared simulator's: a partition never reports one.</summary>
    public void SessionChanged(SessionReport report, SessionChange change) =>
        throw new InvalidOperationException($"session {report.Id}: a session change is reported by the scheduler, not from a partition.");

    /// <summary>The target's reporter for the path (resolved now, on the shared thread), wrapped to record its calls.</summary>
    public PathReporter ReporterFor(string sessionId, IReadOnlyList<string> linkIds, IReadOnlyList<string> nodeIds) =>
        new RecordingPathReporter(this, _target!.ReporterFor(sessionId, linkIds, nodeIds));

    /// <summary>What a record replays.</summary>
    internal enum EntryKind : byte
    {
        PathHerald,
        PathSwap,
        PathLoss,
        Herald,
        Swap,
        Loss,
        Delivery,
    }

    // One recorded call: its time (ps) and arguments; Target is the path's reporter, or the link or node id.
    private readonly record struct Entry(long Time, EntryKind Kind, object? Target, string? SessionId, int Index, double Value, double Latency, bool Flag);
}
