using System.Globalization;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Mitigation;
using QNet.Network.Faults;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// Runs an experiment offline on a fresh <see cref="OfflineTwin"/> of its scenario and seed, as fast as the machine
/// allows (Chaos Toolkit's order): warm-up, steady-state hypothesis, method (pauses are twin time), the rest of the
/// configured span, hypothesis again, rollbacks. Everything the twin does is journalled on its clock; the same file and
/// seed give the same journal. Expectations and the report's figures are then read from the journal.
/// </summary>
internal sealed class GameDayRunner
{
    // The timeline (plot, recovery times) reads its SLIs once a minute of twin time: every fourth 15 s sample.
    private const int TimelineEverySamples = 4;

    /// <summary>Prefix of an alert entry's label fields (<c>label:severity</c>, <c>label:link</c>...).</summary>
    public const string LabelPrefix = "label:";

    private readonly Experiment _experiment;
    private readonly string _source;
    private readonly TimeProvider _wall;
    private readonly OfflineTwin _twin;
    private readonly ProbeReader _probes;
    private readonly List<JournalEntry> _entries = [];
    private readonly Dictionary<string, string> _faultIds = new(StringComparer.Ordinal); // twin fault id -> step id
    private readonly Dictionary<string, string> _faultTraces = new(StringComparer.Ordinal); // step id -> trace id
    private readonly Dictionary<string, string> _alertStates = new(StringComparer.Ordinal);
    private readonly List<(ProbeSpec Probe, List<(double, double?)> Points)> _timeline = [];
    private readonly List<FaultWindow> _windows = [];
    private readonly List<string> _deviations = [];
    private int _samples;
    private int _actions;
    private string? _injecting; // the step id of the fault being injected: the twin starts it before it returns its id

    /// <param name="wall">Measures the run's elapsed wall time only (kept apart from the journal).</param>
    public GameDayRunner(Experiment experiment, string source, TimeProvider? wall = null)
    {
        _experiment = experiment;
        _source = source;
        _wall = wall ?? TimeProvider.System;
        // The QKD links are stepped only when the experiment reads keys: distilling every block costs more than the rest of the twin.
        bool keys = experiment.Hypothesis.Concat(experiment.Method.Select(s => s.Probe).OfType<ProbeSpec>()).Any(p => p.Kind == ProbeKind.Keys)
            || experiment.Expectations.Any(e => e.Kind == ExpectationKind.KeysFlow)
            || experiment.Method.Any(s => s.Action is { Fault: Network.Scenarios.FaultKind.QkdConfigSkew });
        _twin = new OfflineTwin(experiment.Configuration.Scenario, MitigationPolicy.Default, OnTwinEvent, keys);
        _probes = new ProbeReader(_twin);
        _twin.Twin.FaultInjector.Changed += OnFaultChanged;
        var plotted = experiment.Hypothesis.Where(p => p.Kind == ProbeKind.Sli)
            .Concat(experiment.Expectations.Where(e => e.Probe is not null).Select(e => e.Probe!));
        foreach (var probe in plotted)
        {
            _timeline.Add((probe, []));
        }
    }

    /// <summary>The twin the experiment runs on (tests compare the journal with it).</summary>
    public OfflineTwin Twin => _twin;

    /// <summary>Twin seconds the run will cover: the warm-up, every pause, and the configured span if longer.</summary>
    public double PlannedSeconds => Math.Max(_experiment.Configuration.DurationSeconds,
        _experiment.Configuration.WarmupSeconds + _experiment.Method.Concat(_experiment.Rollbacks).Sum(s => s.PauseBeforeSeconds + s.PauseAfterSeconds));

    /// <summary>Runs the experiment; <paramref name="progress"/> hears the twin seconds reached after each sample.</summary>
    public GameDayResult Run(Action<double>? progress = null)
    {
        var startedAt = _wall.GetUtcNow();
        long started = _wall.GetTimestamp();
        var config = _experiment.Configuration;
        RunTo(config.WarmupSeconds, progress);
        var budgetsBefore = _twin.Budgets();
        var deviations = _deviations;
        bool before = CheckHypothesis("before", deviations);
        if (before)
        {
            foreach (var step in _experiment.Method)
            {
                Execute(step, progress);
            }
            RunTo(config.DurationSeconds, progress);
        }
        bool after = before && CheckHypothesis("after", deviations);
        foreach (var step in _experiment.Rollbacks)
        {
            Execute(step, progress, rollback: true);
        }
        var budgetsAfter = _twin.Budgets();
        double end = _twin.Seconds;
        foreach (var w in _windows.Where(w => double.IsPositiveInfinity(w.EndSeconds)).ToArray())
        {
            _windows[_windows.IndexOf(w)] = w with { EndSeconds = end };
        }

        var entries = _entries.Select((e, i) => (e, i)).OrderBy(x => x.e.Seconds).ThenBy(x => x.i).Select(x => x.e).ToArray();
        var timeline = _timeline.Select(t => new TimelineSeries(t.Probe, t.Probe.Name, GameDayNames.Slis.Of(t.Probe.Sli!.Value), t.Probe.Tolerance, t.Points)).ToArray();
        var evaluation = new GameDayEvaluation(_experiment, entries, timeline, _windows, _twin.KeyBits, budgetsBefore, budgetsAfter, end);
        var outcomes = evaluation.Expectations();
        deviations.AddRange(outcomes.Where(o => !o.Met).Select(o => $"expectation not met: {o.Expectation.Describe()} ({o.Reason})"));
        var wall = new WallClock(startedAt, _wall.GetElapsedTime(started).TotalSeconds, "offline");
        return new GameDayResult(_experiment, _source, entries, before, after, outcomes, deviations, evaluation.Summary(), timeline, _windows, end, wall);
    }

    private bool CheckHypothesis(string phase, List<string> deviations)
    {
        bool held = true;
        foreach (var probe in _experiment.Hypothesis)
        {
            var reading = _probes.Read(probe);
            bool ok = reading.Holds(probe.Tolerance);
            held &= ok;
            Add(JournalTypes.Hypothesis, probe.Name, null, ("phase", phase), ("reading", reading.ToString()), ("tolerance", probe.Tolerance?.ToString()), ("held", Bool(ok)));
            if (!ok)
            {
                deviations.Add($"steady state {phase} the method: {probe.Name} read {reading}, tolerance {probe.Tolerance}");
            }
        }
        return held;
    }

    private void Execute(ExperimentStep step, Action<double>? progress, bool rollback = false)
    {
        RunTo(_twin.Seconds + step.PauseBeforeSeconds, progress);
        if (step.Probe is { } probe)
        {
            var reading = _probes.Read(probe);
            bool held = reading.Holds(probe.Tolerance);
            Add(JournalTypes.Probe, probe.Name, null, ("reading", reading.ToString()), ("tolerance", probe.Tolerance?.ToString()),
                ("held", probe.Tolerance is null ? null : Bool(held)));
            if (!held)
            {
                _deviations.Add($"method probe {probe.Name} read {reading}, tolerance {probe.Tolerance}");
            }
        }
        else if (step.Action is { } action)
        {
            Act(step, action, rollback);
        }
        RunTo(_twin.Seconds + step.PauseAfterSeconds, progress);
    }

    private void Act(ExperimentStep step, ActionSpec a, bool rollback)
    {
        var (trace, _) = _twin.TraceIds("action/" + (_actions++).ToString(CultureInfo.InvariantCulture));
        var phase = ("phase", rollback ? "rollback" : "method");
        var verb = ("action", GameDayNames.Actions.Of(a.Kind));
        switch (a.Kind)
        {
            case ActionKind.InjectFault:
                _faultTraces[a.Id] = trace;
                _injecting = a.Id;
                var (id, error) = _twin.TryInject(a.Fault!.Value, a.Target!, a.Magnitude, a.DurationSeconds);
                _injecting = null;
                Add(JournalTypes.Action, step.Name, trace, phase, verb, ("id", a.Id), ("kind", FaultKinds.Name(a.Fault.Value)), ("target", a.Target),
                    ("magnitude", Number(a.Magnitude)), ("duration", a.DurationSeconds is { } d ? Number(d) : null), ("error", error));
                break;
            case ActionKind.ClearFault:
                var twinId = _faultIds.FirstOrDefault(kv => kv.Value == a.ClearsId).Key;
                bool cleared = twinId is not null && _twin.TryClear(twinId);
                Add(JournalTypes.Action, step.Name, _faultTraces.GetValueOrDefault(a.ClearsId!, trace), phase, verb, ("fault", a.ClearsId),
                    ("result", cleared ? "cleared" : "not active"));
                break;
            case ActionKind.StartSession or ActionKind.RequestLoad:
                var outcomes = new List<string>();
                for (int i = 0; i < a.Count; i++)
                {
                    var spec = a.Count == 1 ? a.Session! : Renamed(a.Session!, $"{a.Session!.Id}-{i + 1}");
                    outcomes.Add(Network.Sessions.SessionNames.Of(_twin.Submit(spec, "gameday").Outcome));
                }
                Add(JournalTypes.Action, step.Name, trace, phase, verb, ("sessions", a.Count.ToString(CultureInfo.InvariantCulture)),
                    ("source", a.Session!.Source), ("destination", a.Session.Destination),
                    ("outcomes", string.Join(",", outcomes.GroupBy(o => o).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"))));
                break;
            case ActionKind.OpenMaintenance:
                _twin.OpenMaintenance(a.Id, a.Matchers!, a.DurationSeconds!.Value);
                Add(JournalTypes.Action, step.Name, trace, phase, verb, ("duration", Number(a.DurationSeconds.Value)), ("labels", Key(a.Matchers!)));
                break;
            default:
                var policy = _twin.Mitigation.Policy;
                string? problem = null;
                try
                {
                    var rules = a.Rule is { } r
                        ? policy.Rules.Select(x => x.Action == r.Action && x.Signal == r.Signal
                            ? new MitigationRule(x.Action, x.Signal, a.Threshold!.Value, x.Release, x.CooldownSeconds, x.Enabled) : x).ToArray()
                        : policy.Rules;
                    _twin.Mitigation.Replace(new MitigationPolicy(a.MitigationEnabled ?? policy.Enabled, policy.EvaluateEverySeconds, policy.MinSamples,
                        policy.ShedBelowPriority, policy.RetryAfterSeconds, rules));
                }
                catch (ArgumentException e)
                {
                    problem = e.ParamName + ": " + e.Message.Split(" (Parameter")[0];
                }
                Add(JournalTypes.Action, step.Name, trace, phase, verb, ("enabled", a.MitigationEnabled is { } e2 ? Bool(e2) : null),
                    ("rule", a.Rule is { } rr ? $"{MitigationNames.Of(rr.Action)}/{MitigationNames.Of(rr.Signal)}" : null),
                    ("threshold", a.Threshold is { } t ? Number(t) : null), ("error", problem));
                break;
        }
    }

    private void RunTo(double seconds, Action<double>? progress)
    {
        if (seconds > _twin.Seconds)
        {
            _twin.RunUntil(seconds, () =>
            {
                OnSample();
                progress?.Invoke(_twin.Seconds);
            });
        }
    }

    private void OnSample()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alert in _twin.Monitor.Alerts)
        {
            var labels = Key(alert.Labels.Where(kv => kv.Key != "alertname").ToDictionary(kv => kv.Key, kv => kv.Value));
            var key = alert.Name + labels;
            seen.Add(key);
            if (_alertStates.GetValueOrDefault(key, "inactive") != alert.Status)
            {
                _alertStates[key] = alert.Status;
                var at = alert.Status switch { "firing" => alert.FiredAt, "resolved" => alert.ResolvedAt, _ => alert.ActiveAt } ?? alert.ActiveAt;
                var detail = new List<(string, string?)> { ("status", alert.Status), ("muted", Bool(alert.Suppressed)),
                    ("runbook", alert.Annotations.GetValueOrDefault("runbook_url")) };
                detail.AddRange(alert.Labels.Where(kv => kv.Key != "alertname").Select(kv => (LabelPrefix + kv.Key, (string?)kv.Value)));
                Add(JournalTypes.Alert, alert.Name, null, (at - OfflineTwin.Epoch).TotalSeconds, [.. detail]);
            }
        }
        foreach (var gone in _alertStates.Keys.Where(k => !seen.Contains(k) && _alertStates[k] != "resolved").ToArray())
        {
            _alertStates[gone] = "resolved";
        }
        if (++_samples % TimelineEverySamples == 0)
        {
            foreach (var (probe, points) in _timeline)
            {
                points.Add((_twin.Seconds, _probes.Sli(probe.Sli!.Value, probe.Selector, probe.WindowSeconds)));
            }
        }
    }

    private void OnTwinEvent(TwinEvent e)
    {
        switch (e.Type)
        {
            case "session":
                Add(JournalTypes.Session, e.SessionId, e.TraceId, e.SimulatedSeconds, ("change", e.Change), ("outcome", e.Outcome), ("reason", e.Reason));
                break;
            case "mitigation":
                Add(JournalTypes.Mitigation, e.Action ?? "", e.TraceId.Length > 0 ? e.TraceId : null, e.SimulatedSeconds, ("change", e.Change), ("signal", e.Signal),
                    ("target", e.Target), ("value", e.Value is { } v ? Number(v) : null), ("detail", e.Reason),
                    ("traces", e.TraceIds is { Count: > 0 } t ? string.Join(",", t) : null));
                break;
            default:
                Add(JournalTypes.Qkd, e.Link ?? e.Target ?? "", null, e.SimulatedSeconds, ("change", e.Change), ("reason", e.Reason));
                break;
        }
    }

    private void OnFaultChanged(ActiveFault fault)
    {
        if (_injecting is not null && fault.ClearedSeconds is null && !_faultIds.ContainsKey(fault.Id)
            && !fault.Id.StartsWith(ControlPlane.Twin.Twin.AgeingPrefix, StringComparison.Ordinal)
            && !fault.Id.StartsWith(ControlPlane.Twin.Twin.ScenarioFaultPrefix, StringComparison.Ordinal))
        {
            _faultIds[fault.Id] = _injecting;
        }
        if (!_faultIds.TryGetValue(fault.Id, out var stepId))
        {
            return; // the network's own ageing and the scenario's faults are not the experiment's
        }
        bool started = fault.ClearedSeconds is null;
        Add(JournalTypes.Fault, stepId, _faultTraces.GetValueOrDefault(stepId), ("change", started ? "started" : "cleared"),
            ("kind", FaultKinds.Name(fault.Spec.Kind)), ("target", fault.Spec.Target));
        if (started)
        {
            _windows.Add(new FaultWindow(stepId, FaultKinds.Name(fault.Spec.Kind), fault.Spec.Target, _twin.Seconds, double.PositiveInfinity));
        }
        else if (_windows.FindLastIndex(w => w.Id == stepId) is var i and >= 0)
        {
            _windows[i] = _windows[i] with { EndSeconds = _twin.Seconds };
        }
    }

    private void Add(string type, string name, string? trace, params (string Key, string? Value)[] detail) =>
        Add(type, name, trace, _twin.Seconds, detail);

    private void Add(string type, string name, string? trace, double seconds, params (string Key, string? Value)[] detail)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in detail)
        {
            if (v is not null)
            {
                map[k] = v;
            }
        }
        _entries.Add(new JournalEntry(seconds, type, name, trace, map));
    }

    private static SessionSpec Renamed(SessionSpec s, string id) => new(id, s.Source, s.Destination, s.Application)
    {
        MinFidelity = s.MinFidelity,
        DurationSeconds = s.DurationSeconds,
    };

    public static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Bool(bool b) => b ? "true" : "false";

    private static string Key(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(",", labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")) + "}";
}
