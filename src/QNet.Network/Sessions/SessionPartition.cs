using QNet.Kernel;
using QNet.Network.Entanglement;

namespace QNet.Network.Sessions;

/// <summary>
/// One session's own simulator when the scheduler runs sessions in partitions (<see cref="SessionScheduler.PartitionThreads"/>):
/// its path protocols, links, purification and application run here, apart from the control events of the shared
/// simulator and from every other session. Nothing it does reaches shared state while it runs: what it tells the
/// observer is recorded with its simulated time and replayed on the shared simulator's thread at the next sync point
/// (<see cref="SessionPartitions"/>), and a request met is only marked here, ended there at its true time. When the
/// observer offers a partition observer (<see cref="INetworkObserver.ForPartition"/>), the calls go to it instead: it
/// keeps what adds up in any order on this thread, and only what it records is replayed.
/// The simulator has the shared one's seed, so the session's random streams (derived from the seed and a key) are the same.
/// </summary>
internal sealed class SessionPartition : INetworkObserver, IPartitionLog, ICrewWork
{
    private readonly INetworkObserver? _target;
    private readonly IPartitionObserver? _local;
    private readonly List<object> _targets = []; // what records name by number: path reporters, link and node ids
    private Entry[] _entries = new Entry[1024];  // records _head.._count-1 wait to be replayed
    private int _head;
    private int _count;

    /// <summary>Creates the partition of <paramref name="session"/> with its clock at <paramref name="now"/>.</summary>
    public SessionPartition(Session session, ulong seed, SimTime now, INetworkObserver? target)
    {
        Session = session;
        _target = target;
        Simulator = new Simulator(seed);
        Simulator.RunUntil(now);
        _local = target?.ForPartition(session.Id, this);
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

    /// <summary>
    /// Its recent work: events run per sync point, averaged over the last few (a weight of 1/8 for the newest). The crew
    /// starts the heaviest partitions first (<see cref="PartitionCrew"/>); it changes nothing in the run.
    /// </summary>
    public double Load { get; private set; }

    /// <summary>Runs its simulator to <paramref name="until"/> (on whichever thread runs it) and updates <see cref="Load"/>.</summary>
    public void RunTo(SimTime until)
    {
        long before = Simulator.EventsProcessed;
        Simulator.RunUntil(until);
        Load += ((Simulator.EventsProcessed - before) - Load) / 8;
    }

    /// <summary>Records not yet replayed.</summary>
    public int Pending => _count - _head;

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
        if (_head < _count)
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
        ref readonly Entry e = ref _entries[_head++];
        if (_head == _count)
        {
            _head = _count = 0;
        }
        switch (e.Kind)
        {
            case EntryKind.PathHerald:
                ((PathReporter)_targets[e.Target]).LinkPairGenerated(e.Index, e.Value, e.Latency, e.Flag);
                break;
            case EntryKind.PathSwap:
                ((PathReporter)_targets[e.Target]).SwapAttempted(e.Index, e.Flag);
                break;
            case EntryKind.PathLoss:
                ((PathReporter)_targets[e.Target]).PairLost((LossReason)e.Index);
                break;
            case EntryKind.Herald:
                _target!.LinkPairGenerated(Session.Id, (string)_targets[e.Target], e.Value, e.Latency, e.Flag);
                break;
            case EntryKind.Swap:
                _target!.SwapAttempted(Session.Id, (string)_targets[e.Target], e.Flag);
                break;
            case EntryKind.Loss:
                _target!.PairLost(Session.Id, (LossReason)e.Index);
                break;
            case EntryKind.Delivery:
                _target!.PairDelivered(Session.Id, e.Value);
                break;
            case EntryKind.Local:
                _local!.Replay(e.Target, e.Index, e.Value, e.Latency, e.Flag);
                break;
        }
    }

    /// <summary>Hands what the partition observer kept to the shared observer (shared thread, the partition standing still).</summary>
    public void Merge() => _local?.Merge();

    /// <summary>Tells the partition observer that the partition runs on (shared thread, before it does).</summary>
    public void RunOn() => _local?.RunOn();

    /// <summary>A partition observer's record (<see cref="IPartitionLog"/>).</summary>
    void IPartitionLog.Record(int kind, int index, double value, double latency, bool flag) =>
        Record(EntryKind.Local, kind, index, value, latency, flag);

    /// <summary>Records a call of the path reporter numbered <paramref name="reporter"/> (<see cref="ReporterFor"/>).</summary>
    internal void Record(EntryKind kind, int reporter, int index, double value, double latency, bool flag)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }
        _entries[_count++] = new Entry(Simulator.Now.Picoseconds, value, latency, reporter, (short)index, kind, flag);
    }

    // Calls made with ids rather than through a path's reporter (the session's runtime, or an observer's defaults).
    public void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds) =>
        LinkPairGenerated(sessionId, linkId, fidelity, heraldLatencySeconds, false);

    public void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds, bool darkCount)
    {
        if (_local is not null)
        {
            Check(sessionId);
            _local.LinkPairGenerated(linkId, fidelity, heraldLatencySeconds, darkCount);
            return;
        }
        Record(EntryKind.Herald, Name(sessionId, linkId), 0, fidelity, heraldLatencySeconds, darkCount);
    }

    public void SwapAttempted(string sessionId, string nodeId, bool success)
    {
        if (_local is not null)
        {
            Check(sessionId);
            _local.SwapAttempted(nodeId, success);
            return;
        }
        Record(EntryKind.Swap, Name(sessionId, nodeId), 0, 0, 0, success);
    }

    public void PairLost(string sessionId, LossReason reason)
    {
        if (_local is not null)
        {
            Check(sessionId);
            _local.PairLost(reason);
            return;
        }
        Record(EntryKind.Loss, Name(sessionId, null), (int)reason, 0, 0, false);
    }

    public void PairDelivered(string sessionId, double fidelity)
    {
        if (_local is not null)
        {
            Check(sessionId);
            _local.PairDelivered(fidelity);
            return;
        }
        Record(EntryKind.Delivery, Name(sessionId, null), 0, fidelity, 0, false);
    }

    /// <summary>Session changes are the shared simulator's: a partition never reports one.</summary>
    public void SessionChanged(SessionReport report, SessionChange change) =>
        throw new InvalidOperationException($"session {report.Id}: a session change is reported by the scheduler, not from a partition.");

    /// <summary>The target's reporter for the path (resolved now, on the shared thread), wrapped to record its calls.</summary>
    public PathReporter ReporterFor(string sessionId, IReadOnlyList<string> linkIds, IReadOnlyList<string> nodeIds)
    {
        _ = Name(sessionId, null);
        if (_local is not null)
        {
            return _local.ReporterFor(linkIds, nodeIds);
        }
        PathReporter reporter = _target!.ReporterFor(sessionId, linkIds, nodeIds);
        _targets.Add(reporter);
        return new RecordingPathReporter(this, _targets.Count - 1, reporter);
    }

    // The number of a link or node id among the targets (added at its first use; only the session's own calls come here).
    private int Name(string sessionId, string? id)
    {
        Check(sessionId);
        if (id is null)
        {
            return 0;
        }
        int found = _targets.IndexOf(id);
        if (found < 0)
        {
            _targets.Add(id);
            found = _targets.Count - 1;
        }
        return found;
    }

    private void Check(string sessionId)
    {
        if (sessionId != Session.Id)
        {
            throw new ArgumentException($"a partition records session {Session.Id}, not {sessionId}.", nameof(sessionId));
        }
    }

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
        Local,
    }

    // One recorded call (32 bytes, no references): its time (ps) and arguments; Target numbers the path's reporter, or the
    // link or node id, in _targets; Index is the link or node position on the path, or the loss reason.
    private readonly record struct Entry(long Time, double Value, double Latency, int Target, short Index, EntryKind Kind, bool Flag);
}
