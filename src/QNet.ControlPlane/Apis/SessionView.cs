using QNet.ControlPlane.Twin;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Apis;

/// <summary>A session as the API shows it. Fidelities 0..1, rates in pairs/s; null where there is nothing to show.</summary>
/// <param name="Id">Session id.</param>
/// <param name="Source">Source node.</param>
/// <param name="Destination">Destination node.</param>
/// <param name="Application">raw, teleport, ghz or qkd.</param>
/// <param name="Origin">scenario or api.</param>
/// <param name="Outcome">pending, running, degraded, suspended (a fault left it without a path; it waits for re-admission), refused, completed, failed or cancelled.</param>
/// <param name="Reason">Why it was refused or failed.</param>
/// <param name="Admitted">True once admitted.</param>
/// <param name="Path">Nodes of its current path.</param>
/// <param name="EndSlots">Memory slots reserved at each end node.</param>
/// <param name="RepeaterSlotsPerSide">Memory slots reserved on each side of each repeater on the path.</param>
/// <param name="ExpectedFidelity">Admission estimate of delivered fidelity.</param>
/// <param name="Pairs">Pairs delivered.</param>
/// <param name="PairsPerSecond">Pairs per simulated second since admission.</param>
/// <param name="MeanFidelity">Mean delivered fidelity.</param>
/// <param name="MinFidelity">Fidelity target.</param>
/// <param name="TraceId">W3C trace id of the session's trace.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="ApplicationFidelity">Teleported-state or GHZ fidelity, or a compute task's entanglement fidelity, averaged over the application's uses so far (as of the twin's latest step while it serves; final once it ended; null without any).</param>
/// <param name="Tasks">Compute tasks completed so far (as of the twin's latest step while it serves; compute sessions; 0 otherwise).</param>
public sealed record SessionView(string Id, string Source, string Destination, string Application, string Origin, string Outcome, string? Reason,
    bool Admitted, IReadOnlyList<string> Path, int EndSlots, int RepeaterSlotsPerSide, double? ExpectedFidelity, long Pairs, double? PairsPerSecond, double? MeanFidelity,
    double MinFidelity, string TraceId, DateTimeOffset CreatedAt, double? ApplicationFidelity = null, long Tasks = 0)
{
    internal static SessionView Of(SessionState s, double simulatedSeconds)
    {
        var r = s.Report;
        double? Finite(double v) => double.IsFinite(v) ? v : null;
        double served = simulatedSeconds - s.AdmittedAtSeconds;
        // While it serves, the application figures of the latest step (the report is only replaced on a status change).
        var live = s.Active ? s.Live : null;
        double? applicationFidelity = live is { } l && l.Uses >= (r?.Tasks ?? 0) ? Finite(l.Fidelity) : r is null ? null : Finite(r.ApplicationFidelity);
        long tasks = s.Info.Spec.Application == SessionApplication.Compute ? Math.Max(live?.Uses ?? 0, r?.Tasks ?? 0) : 0;
        string outcome = s.Suspended && s.Outcome == SessionOutcome.Failed ? SessionNames.SuspendedStatus : SessionNames.Of(s.Outcome);
        return new SessionView(s.Info.Spec.Id, s.Info.Spec.Source, s.Info.Spec.Destination, s.SessionClass, s.Info.Origin, outcome, s.Reason,
            !double.IsNaN(s.AdmittedAtSeconds) || s.Outcome is SessionOutcome.Running or SessionOutcome.Degraded or SessionOutcome.Completed,
            r?.Path ?? [], r?.EndSlots ?? 0, r?.RepeaterSlotsPerSide ?? 0, r is null ? null : Finite(r.ExpectedFidelity), s.Pairs,
            s.Outcome is SessionOutcome.Running or SessionOutcome.Degraded && served > 0 ? s.Pairs / served : null, Finite(s.MeanFidelity), s.Info.Spec.MinFidelity, s.Info.TraceId, s.Info.CreatedAt,
            applicationFidelity, tasks)
        {
            PairsLostAtFailover = s.PairsLostAtFailover,
        };
    }

    /// <summary>Pairs its memories held when a control-plane leader died (lost with reason failover), over every failover so far.</summary>
    public long PairsLostAtFailover { get; init; }
}
