using QNet.ControlPlane.Twin;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Apis;

/// <summary>A session as the API shows it. Fidelities 0..1, rates in pairs/s; null where there is nothing to show.</summary>
/// <param name="Id">Session id.</param>
/// <param name="Source">Source node.</param>
/// <param name="Destination">Destination node.</param>
/// <param name="Application">raw, teleport, ghz or qkd.</param>
/// <param name="Origin">scenario or api.</param>
/// <param name="Outcome">pending, running, refused, completed, failed or cancelled.</param>
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
/// <param name="ApplicationFidelity">Teleported-state or GHZ fidelity, or a compute task's entanglement fidelity, averaged over the application's uses, as of the session's last status change (final once it ended; null without any).</param>
/// <param name="Tasks">Compute tasks completed, as of the session's last status change (compute sessions; 0 otherwise).</param>
public sealed record SessionView(string Id, string Source, string Destination, string Application, string Origin, string Outcome, string? Reason,
    bool Admitted, IReadOnlyList<string> Path, int EndSlots, int RepeaterSlotsPerSide, double? ExpectedFidelity, long Pairs, double? PairsPerSecond, double? MeanFidelity,
    double MinFidelity, string TraceId, DateTimeOffset CreatedAt, double? ApplicationFidelity = null, long Tasks = 0)
{
    internal static SessionView Of(SessionState s, double simulatedSeconds)
    {
        var r = s.Report;
        double? Finite(double v) => double.IsFinite(v) ? v : null;
        double served = simulatedSeconds - s.AdmittedAtSeconds;
        return new SessionView(s.Info.Spec.Id, s.Info.Spec.Source, s.Info.Spec.Destination, s.SessionClass, s.Info.Origin, SessionNames.Of(s.Outcome), s.Reason,
            !double.IsNaN(s.AdmittedAtSeconds) || s.Outcome is SessionOutcome.Running or SessionOutcome.Degraded or SessionOutcome.Completed,
            r?.Path ?? [], r?.EndSlots ?? 0, r?.RepeaterSlotsPerSide ?? 0, r is null ? null : Finite(r.ExpectedFidelity), s.Pairs,
            s.Outcome is SessionOutcome.Running or SessionOutcome.Degraded && served > 0 ? s.Pairs / served : null, Finite(s.MeanFidelity), s.Info.Spec.MinFidelity, s.Info.TraceId, s.Info.CreatedAt,
            r is null ? null : Finite(r.ApplicationFidelity), r?.Tasks ?? 0)
        {
            PairsLostAtFailover = s.PairsLostAtFailover,
        };
    }

    /// <summary>Pairs its memories held when a control-plane leader died (lost with reason failover), over every failover so far.</summary>
    public long PairsLostAtFailover { get; init; }
}
