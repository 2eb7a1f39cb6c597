using QNet.Network.Mitigation;

namespace QNet.ControlPlane.Mitigation;

/// <summary>
/// Evaluates the mitigation policy on the simulation clock (deterministic for a seeded twin): at each evaluation every
/// enabled rule reads its signal per target and acts where the value is on the bad side of its threshold, the target's
/// cooldown has passed and the rule is armed for it. Acting disarms the rule for that target until the signal is back
/// past its release level (hysteresis); state actions (reroute, shed-load, pause-qkd) are lifted then. Stepping actions
/// (raise-purification, shorten-cutoff) may act again on a target that stays bad once the cooldown has passed. With
/// the policy off nothing acts, and what is in effect is lifted. Simulation thread only, except <see cref="Policy"/>
/// and <see cref="Recent"/>, which are swapped whole.
/// </summary>
internal sealed class MitigationEngine(IMitigationSignalSource signals, IMitigationEffects effects, MitigationPolicy policy)
{
    /// <summary>Actions kept for <see cref="Recent"/>.</summary>
    public const int RecentCapacity = 100;

    private readonly Dictionary<(MitigationAction, MitigationSignal, string), TargetState> _state = [];
    private readonly List<SignalReading> _readings = [];
    private volatile MitigationPolicy _policy = policy;
    private volatile MitigationRecord[] _recent = [];

    /// <summary>Hears every action and lift (the twin turns it into an event and a counter).</summary>
    public Action<MitigationRecord, MitigationAction, IReadOnlyList<string>>? Acted { get; set; }

    /// <summary>Maps session ids to trace ids for records.</summary>
    public Func<string, string?> TraceOf { get; set; } = _ => null;

    public MitigationPolicy Policy => _policy;

    /// <summary>The last <see cref="RecentCapacity"/> actions and lifts, oldest first.</summary>
    public IReadOnlyList<MitigationRecord> Recent => _recent;

    /// <summary>Replaces the policy; takes effect at the next evaluation (rules dropped or disabled, or the whole policy off, lift what they hold).</summary>
    public void Replace(MitigationPolicy next) => _policy = next;

    /// <summary>Runs one evaluation at simulated time <paramref name="nowSeconds"/>.</summary>
    public void Evaluate(double nowSeconds)
    {
        var p = _policy;
        LiftOrphans(p, nowSeconds);
        if (!p.Enabled)
        {
            return;
        }
        foreach (var rule in p.Rules)
        {
            if (!rule.Enabled)
            {
                continue;
            }
            _readings.Clear();
            signals.Read(rule.Signal, p.MinSamples, _readings);
            foreach (var reading in _readings)
            {
                var key = (rule.Action, rule.Signal, reading.Target);
                if (!_state.TryGetValue(key, out var s))
                {
                    s = new TargetState();
                    _state[key] = s;
                }
                if (!s.Armed && rule.IsReleased(reading.Value))
                {
                    s.Armed = true;
                    if (s.InEffect)
                    {
                        s.InEffect = false;
                        if (effects.Lift(rule.Action, reading))
                        {
                            Record(nowSeconds, rule.Action, rule.Signal, reading, rule.Release, lifted: true, MitigationOutcome.Nothing("lifted: the signal is back past its release level"));
                        }
                    }
                    continue;
                }
                bool cooled = double.IsNegativeInfinity(s.LastActed) || nowSeconds - s.LastActed >= rule.CooldownSeconds;
                if (!rule.IsBad(reading.Value) || !cooled || !(s.Armed || Steps(rule.Action)))
                {
                    continue;
                }
                var outcome = effects.Act(rule.Action, reading, p);
                s.Armed = false;
                if (!outcome.Acted)
                {
                    continue; // nothing to change (already at its limit, or the action is not available): no cooldown spent
                }
                s.LastActed = nowSeconds;
                s.InEffect |= Holds(rule.Action);
                s.Reading = reading;
                Record(nowSeconds, rule.Action, rule.Signal, reading, rule.Threshold, lifted: false, outcome);
            }
        }
    }

    // Actions that hold a state lift it when their rule is gone, disabled, or the policy is off.
    private void LiftOrphans(MitigationPolicy p, double nowSeconds)
    {
        foreach (var ((action, signal, target), s) in _state)
        {
            if (!s.InEffect || (p.Enabled && p.Rules.Any(r => r.Enabled && r.Action == action && r.Signal == signal)))
            {
                continue;
            }
            s.InEffect = false;
            s.Armed = true;
            if (effects.Lift(action, s.Reading))
            {
                Record(nowSeconds, action, signal, s.Reading, double.NaN, lifted: true, MitigationOutcome.Nothing("lifted: its rule is off"));
            }
        }
    }

    private static bool Steps(MitigationAction action) => action is MitigationAction.RaisePurification or MitigationAction.ShortenCutoff
        or MitigationAction.RunCalibration or MitigationAction.ResyncSources or MitigationAction.RollbackQkdConfig;

    private static bool Holds(MitigationAction action) => action is MitigationAction.Reroute or MitigationAction.ShedLoad or MitigationAction.PauseQkd;

    private void Record(double now, MitigationAction action, MitigationSignal signal, SignalReading reading, double threshold, bool lifted, MitigationOutcome outcome)
    {
        var traces = outcome.SessionIds.Select(id => TraceOf(id) ?? "").ToArray();
        var record = new MitigationRecord(now, MitigationNames.Of(action), MitigationNames.Of(signal), reading.Target, reading.Value, threshold, lifted,
            outcome.SessionIds, traces, outcome.Detail);
        var recent = _recent;
        _recent = recent.Length < RecentCapacity ? [.. recent, record] : [.. recent.Skip(1), record];
        Acted?.Invoke(record, action, outcome.SessionIds);
    }

    private sealed class TargetState
    {
        public bool Armed = true;
        public bool InEffect;
        public double LastActed = double.NegativeInfinity;
        public SignalReading Reading;
    }
}
