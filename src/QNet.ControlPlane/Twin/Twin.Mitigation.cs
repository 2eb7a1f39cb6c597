using QNet.ControlPlane.Events;
using QNet.ControlPlane.Mitigation;
using QNet.Kernel;
using QNet.Network.Mitigation;

namespace QNet.ControlPlane.Twin;

internal sealed partial class Twin
{
    private MitigationEngine? _mitigation;

    /// <summary>The mitigation policy engine, once <see cref="EnableMitigation"/> ran.</summary>
    public MitigationEngine? Mitigation => _mitigation;

    /// <summary>The shed-load action's state (the sessions API asks it on every request).</summary>
    public LoadShedder Shedder { get; } = new();

    /// <summary>
    /// Starts the mitigation engine under <paramref name="policy"/>: it evaluates every
    /// <see cref="MitigationPolicy.EvaluateEverySeconds"/> of simulated time, as a simulator event (deterministic), and
    /// every action becomes a <c>mitigation</c> event on <paramref name="events"/> and in the store, and a count of
    /// <c>qnet_mitigation_actions_total</c>. Call once, before the twin runs.
    /// </summary>
    public MitigationEngine EnableMitigation(MitigationPolicy policy, EventHub events, Func<int>? queueDepth = null,
        IFaultRemediation? faults = null, IQkdRemediation? qkd = null)
    {
        if (_mitigation is not null)
        {
            throw new InvalidOperationException("mitigation is already enabled.");
        }
        qkd ??= NoQkdRemediation.Instance;
        var engine = new MitigationEngine(new TwinMitigationSignals(this, queueDepth ?? (() => 0), qkd),
            new TwinMitigationEffects(this, faults ?? new TwinFaultRemediation(this), qkd), policy)
        {
            TraceOf = id => _sessions.GetValueOrDefault(id)?.Info.TraceId,
        };
        engine.Acted = (record, _, _) =>
        {
            if (!record.Lifted)
            {
                Metrics.Mitigations.Acted(record.Action, record.Reason);
            }
            var e = new TwinEvent("mitigation", record.SessionIds.Count > 0 ? record.SessionIds[0] : "", record.TraceIds.Count > 0 ? record.TraceIds[0] : "", record.SimulatedSeconds,
                Change: record.Lifted ? "lifted" : "acted", Reason: record.Detail, Action: record.Action, Signal: record.Reason, Value: record.Value,
                Target: record.Target, TraceIds: record.TraceIds);
            events.PublishAlways(e);
            _persistEvent(e);
        };
        _mitigation = engine;
        SyncQkdMitigation(policy);
        Simulator.Schedule(SimTime.FromSeconds(policy.EvaluateEverySeconds), new MitigationTick(this), priority: int.MaxValue);
        return engine;
    }

    private MitigationPolicy? _qkdPolicy;

    // The QKD links pause on QBER and roll back on verification failures by themselves, block by block (QkdDriver); the
    // policy's pause-qkd and rollback-qkd-config rules (and its off switch) are what they follow, so the operator reads
    // and changes one policy. A changed policy reaches them at the next evaluation.
    private void SyncQkdMitigation(MitigationPolicy policy)
    {
        if (ReferenceEquals(policy, _qkdPolicy))
        {
            return;
        }
        _qkdPolicy = policy;
        var pause = policy.Rules.FirstOrDefault(r => r.Action == MitigationAction.PauseQkd);
        var rollback = policy.Rules.FirstOrDefault(r => r.Action == MitigationAction.RollbackQkdConfig);
        var defaults = new QkdMitigationSettings();
        SetQkdMitigation(new QkdMitigationSettings(
            RollbackAfterFailures: rollback is { Threshold: >= 1 } ? (int)Math.Ceiling(rollback.Threshold) : defaults.RollbackAfterFailures,
            PauseQber: pause is { Threshold: > 0 and <= 0.5 } ? pause.Threshold : defaults.PauseQber,
            ResumeQber: pause is { Threshold: > 0 and <= 0.5 } && pause.Release < pause.Threshold && pause.Release >= 0 ? pause.Release : defaults.ResumeQber,
            Rollback: policy.Enabled && rollback is { Enabled: true },
            Pause: policy.Enabled && pause is { Enabled: true }));
    }

    // Evaluates, then comes due again after the (current) policy's period.
    private sealed class MitigationTick(Twin twin) : IEventHandler
    {
        public void OnEvent(int kind, long argument)
        {
            var engine = twin._mitigation!;
            twin.SyncQkdMitigation(engine.Policy);
            engine.Evaluate(twin.Simulator.Now.Seconds);
            twin.Simulator.Schedule(SimTime.FromSeconds(engine.Policy.EvaluateEverySeconds), this, priority: int.MaxValue);
        }
    }
}
