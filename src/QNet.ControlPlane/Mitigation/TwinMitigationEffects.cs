using System.Globalization;
using QNet.Network.Mitigation;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Mitigation;

/// <summary>
/// Acts on the twin's network for the mitigation engine: reroutes through the scheduler's avoidance (k link-disjoint
/// candidates), revises running sessions (purification rounds, cutoffs), switches load shedding, and hands source
/// resynchronization, calibration and the QKD actions to their owners. Simulation thread only.
/// </summary>
internal sealed class TwinMitigationEffects(Twin.Twin twin, IFaultRemediation faults, IQkdRemediation qkd) : IMitigationEffects
{
    /// <summary>Most purification rounds the policy raises a session to.</summary>
    public const int MaxPurificationRounds = 3;

    /// <summary>Cutoff given to a session without one when its memory loses coherence: this fraction of the node's configured T2, then scaled with the loss.</summary>
    public const double CutoffT2Fraction = 0.1;

    public MitigationOutcome Act(MitigationAction action, SignalReading reading, MitigationPolicy policy)
    {
        string target = reading.Target;
        switch (action)
        {
            case MitigationAction.Reroute:
                {
                    if (twin.Scheduler.Avoided.Contains(target))
                    {
                        return MitigationOutcome.Nothing($"{target} is already avoided");
                    }
                    var moved = twin.Scheduler.Avoid(target);
                    return new MitigationOutcome(true, moved, $"{Kind(target)} {target} avoided by new sessions; {moved.Count} running session(s) moved to a link-disjoint path");
                }
            case MitigationAction.RaisePurification:
                return RaisePurification(target);
            case MitigationAction.ShortenCutoff:
                return ShortenCutoffs(target, reading.Value);
            case MitigationAction.ShedLoad:
                return twin.Shedder.Start(policy.ShedBelowPriority, policy.RetryAfterSeconds)
                    ? new MitigationOutcome(true, [], string.Create(CultureInfo.InvariantCulture,
                        $"session requests below priority {policy.ShedBelowPriority} get 429 (Retry-After {policy.RetryAfterSeconds} s)"))
                    : MitigationOutcome.Nothing("already shedding");
            case MitigationAction.ResyncSources:
                return faults.ResyncSources(target, out var resync) ? new MitigationOutcome(true, [], resync) : MitigationOutcome.Nothing(resync);
            case MitigationAction.RunCalibration:
                return faults.RunCalibration(target, out var calibration) ? new MitigationOutcome(true, [], calibration) : MitigationOutcome.Nothing(calibration);
            case MitigationAction.PauseQkd:
                return qkd.Pause(target, "QBER above the abort threshold")
                    ? new MitigationOutcome(true, [], $"key production on {target} paused") : MitigationOutcome.Nothing("QKD pause not available");
            case MitigationAction.RollbackQkdConfig:
                return qkd.Rollback(target, "key verification failures")
                    ? new MitigationOutcome(true, [], $"{target} rolled back to the last shared configuration") : MitigationOutcome.Nothing("QKD rollback not available");
            default:
                return MitigationOutcome.Nothing("unknown action");
        }
    }

    public bool Lift(MitigationAction action, SignalReading reading) => action switch
    {
        MitigationAction.Reroute => twin.Scheduler.Unavoid(reading.Target),
        MitigationAction.ShedLoad => twin.Shedder.Stop(),
        MitigationAction.PauseQkd => qkd.Resume(reading.Target),
        _ => false,
    };

    private string Kind(string id) => twin.Topology.Links.ContainsKey(id) ? "link" : "node";

    // One round more (DEJMPS end to end when it purified nothing), up to MaxPurificationRounds.
    private MitigationOutcome RaisePurification(string sessionId)
    {
        if (twin.Scheduler.RequestOf(sessionId) is not { } spec)
        {
            return MitigationOutcome.Nothing($"session {sessionId} is not running");
        }
        var p = spec.Purification;
        if (p is { Rounds: >= MaxPurificationRounds })
        {
            return MitigationOutcome.Nothing($"session {sessionId} already purifies {p.Rounds} rounds");
        }
        var raised = p is null ? new PurificationSpec(PurificationScheme.Dejmps) : new PurificationSpec(p.Scheme, p.Rounds + 1, p.Mode, p.Scope, p.TargetFidelity);
        return twin.Scheduler.Revise(sessionId, spec with { Purification = raised })
            ? new MitigationOutcome(true, [sessionId], $"session {sessionId} purifies {raised.Rounds} round(s)")
            : MitigationOutcome.Nothing($"session {sessionId} has no memory for {raised.Rounds} purification round(s)");
    }

    // Each session through the node keeps pairs for its own cutoff (or CutoffT2Fraction of the configured T2) times the
    // coherence left, so a pair is used or dropped before it decoheres further than it did before the loss.
    // The ratio is measured (the probe's T2 estimate, about 4 % standard error), so a cutoff is only shortened again
    // when the new one is at least 10 % shorter: a noisy estimate a little under the last one changes nothing.
    private const double RevisionStep = 0.9;

    private MitigationOutcome ShortenCutoffs(string node, double coherenceRatio)
    {
        double configuredT2 = twin.Topology.Scenario.Nodes.First(n => n.Id == node).Memory.T2Seconds;
        var touched = new List<string>();
        foreach (var id in twin.Scheduler.ServedPaths.Where(p => p.Nodes.Contains(node)).Select(p => p.Id).Distinct().ToArray())
        {
            if (twin.Scheduler.RequestOf(id) is not { } spec)
            {
                continue;
            }
            double original = twin.Sessions.GetValueOrDefault(id)?.Info.Spec.CutoffSeconds ?? spec.CutoffSeconds ?? CutoffT2Fraction * configuredT2;
            double cutoff = original * Math.Max(coherenceRatio, 1e-3);
            if (!double.IsFinite(cutoff) || spec.CutoffSeconds is { } current && cutoff >= RevisionStep * current)
            {
                continue;
            }
            if (twin.Scheduler.Revise(id, spec with { CutoffSeconds = cutoff }))
            {
                touched.Add(id);
            }
        }
        return touched.Count == 0
            ? MitigationOutcome.Nothing($"no session through {node} to shorten")
            : new MitigationOutcome(true, touched, string.Create(CultureInfo.InvariantCulture,
                $"cutoffs of {touched.Count} session(s) through {node} scaled by {coherenceRatio:G3} (T2 now {coherenceRatio:P0} of configured)"));
    }
}
