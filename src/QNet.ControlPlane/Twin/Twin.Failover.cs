using QNet.ControlPlane.Events;
using QNet.ControlPlane.Storage;
using QNet.Sre;

namespace QNet.ControlPlane.Twin;

internal sealed partial class Twin
{
    /// <summary>
    /// The memory snapshot to store at twin time <paramref name="unixMs"/>: per session, the pairs its memories hold now
    /// (lost if this leader dies before the next snapshot) and its pairs lost at earlier failovers. Sessions with
    /// neither are left out. Simulation thread.
    /// </summary>
    public List<MemoryPairsRecord> MemorySnapshot(long unixMs)
    {
        var rows = new List<MemoryPairsRecord>();
        foreach (var s in _sessions.Values)
        {
            long held = s.Active ? Scheduler.PairsHeldBy(s.Info.Spec.Id) : 0;
            if (held > 0 || s.PairsLostAtFailover > 0)
            {
                rows.Add(new MemoryPairsRecord(s.Info.Spec.Id, held, s.PairsLostAtFailover, unixMs));
            }
        }
        return rows;
    }

    /// <summary>
    /// Applies the dead or stopped leader's memory snapshot to the restored sessions: each keeps its earlier failover
    /// losses and, when this start is a <paramref name="failover"/>, the pairs its memories held then are counted as
    /// lost (the session's count, <c>qnet_memory_pairs_lost_total{reason="failover"}</c> and a <c>loss</c> event).
    /// Sessions not restored (ended, or not known to this scenario) are skipped. Simulation thread, after the restore.
    /// Returns the pairs counted as lost.
    /// </summary>
    public long ApplyMemorySnapshot(IReadOnlyList<MemoryPairsRecord> snapshot, bool failover)
    {
        long lost = 0;
        foreach (var row in snapshot)
        {
            if (!_sessions.TryGetValue(row.SessionId, out var s))
            {
                continue;
            }
            s.LostAtFailover(row.LostAtFailover);
            if (!failover || row.Held <= 0)
            {
                continue;
            }
            s.LostAtFailover(row.Held);
            lost += row.Held;
            Metrics.PairsLost(s.SessionClass, MetricCatalogue.FailoverLossReason, row.Held);
            _persistEvent(new TwinEvent("loss", row.SessionId, s.Info.TraceId, Simulator.Now.Seconds, Change: MetricCatalogue.FailoverLossReason,
                Outcome: QNet.Network.Sessions.SessionNames.Of(s.Outcome), Value: row.Held));
        }
        return lost;
    }
}
