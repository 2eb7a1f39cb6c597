using System.Globalization;
using QNet.ControlPlane.Events;
using QNet.Network.Mitigation;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// Runs an experiment on a target (Chaos Toolkit's order): warm-up, steady-state hypothesis, method (pauses are twin
/// time), the rest of the configured span, hypothesis again, rollbacks. Offline the target is a fresh
/// <see cref="OfflineTwin"/> of the scenario and seed, run as fast as the machine allows (the same file and seed give the
/// same journal); live it is a running <c>qnet up</c> (<see cref="LiveTarget"/>), paced by its clock. Everything the
/// target does is journalled on its twin clock; expectations and the report's figures are then read from the journal.
/// When <see cref="StopOnDeviation"/> is set, a deviation ends the method early; an interruption (the target's
/// <see cref="IGameDayTarget.RunUntil"/> cancelled: Ctrl-C, at the next 15 s sample) ends it at once, and so does a live
/// target that stops answering (a call that fails or times out: the run is aborted). Either way the rollbacks run,
/// then the target undoes what is left (<see cref="IGameDayTarget.Restore"/>), all journalled; after an abort each
/// rollback call is tried on its own (best effort) and a failed one is journalled with its error.
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
    private readonly IGameDayTarget _twin;
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
    private bool _interrupted;
    private string? _aborted; // what failed when a live target stopped answering
    private string? _injecting; // the step id of the fault being injected: the twin starts it before it returns its id

    /// <param name="wall">Measures the run's elapsed wall time only (kept apart from the journal).</param>
    public GameDayRunner(Experiment experiment, string source, TimeProvider? wall = null)
        : this(experiment, source, new OfflineTarget(experiment), wall)
    {
    }

    /// <param name="target">Where it runs (offline twin or live control plane).</param>
    /// <param name="wall">Measures the run's elapsed wall time only (kept apart from the journal).</param>
    public GameDayRunner(Experiment experiment, string source, IGameDayTarget target, TimeProvider? wall = null)
    {
        _experiment = experiment;
        _source = source;
        _wall = wall ?? TimeProvider.System;
        _twin = target;
        _probes = new ProbeReader(_twin);
        _twin.Observe(OnTwinEvent, OnFaultChanged);
        var plotted = experiment.Hypothesis.Where(p => p.Kind == ProbeKind.Sli)
            .Concat(experiment.Expectations.Where(e => e.Probe is not null).Select(e => e.Probe!));
        foreach (var probe in plotted)
        {
            _timeline.Add((probe, []));
        }
    }

    /// <summary>The twin an offline run runs on (tests compare the journal with it).</summary>
    public OfflineTwin Twin => _twin is OfflineTarget offline ? offline.Twin : throw new InvalidOperationException("a live run has no in-process twin");

    /// <summary>End the method at the first deviation and roll back (live runs: the system under test is real).</summary>
    public bool StopOnDeviation { get; init; }

    /// <summary>Twin seconds the run will cover: the warm-up, every pause, and the configured span if longer.</summary>
    public double PlannedSeconds => PlannedSecondsOf(_experiment);

    /// <summary>Twin seconds <paramref name="experiment"/> covers: the warm-up, every pause, and the configured span if longer.</summary>
    public static double PlannedSecondsOf(Experiment experiment) => Math.Max(experiment.Configuration.DurationSeconds,
        experiment.Configuration.WarmupSeconds + experiment.Method.Concat(experiment.Rollbacks).Sum(s => s.PauseBeforeSeconds + s.PauseAfterSeconds));

    /// <summary>Runs the experiment; <paramref name="progress"/> hears the twin seconds reached after each sample.</summary>
    public GameDayResult Run(Action<double>? progress = null)
    {
        var startedAt = _wall.GetUtcNow();
        long started = _wall.GetTimestamp();
        var config = _experiment.Configuration;
        var deviations = _deviations;
        IReadOnlyList<QNet.Sre.Evaluation.SloStatus> budgetsBefore = [];
        bool before = false, after = false;
        try
        {
            RunTo(config.WarmupSeconds, progress);
            budgetsBefore = _twin.Budgets();
            before = CheckHypothesis("before", deviations);
            if (before)
            {
                foreach (var step in _experiment.Method)
                {
                    if (StopOnDeviation && deviations.Count > 0)
                    {
                        break;
                    }
                    Execute(step, progress);
                }
                if (!StopOnDeviation || deviations.Count == 0)
                {
                    RunTo(config.DurationSeconds, progress);
                }
            }
            after = before && (!StopOnDeviation || deviations.Count == 0) && CheckHypothesis("after", deviations);
        }
        catch (OperationCanceledException)
        {
            _interrupted = true;
            deviations.Add("interrupted: rolled back before the experiment ended");
        }
        catch (LiveTargetException e)
        {
            _aborted = e.Message;
            deviations.Add($"aborted: {e.Message}; rolled back before the experiment ended");
        }
        RollBack(progress);
        // A target that stopped answering has no budgets to read: the run reports none burned rather than wait again.
        var budgetsAfter = _aborted is null ? _twin.Budgets() : [];
        double end = _twin.Seconds;
        foreach (var w in _windows.Where(w => double.IsPositiveInfinity(w.EndSeconds)).ToArray())
        {
            _windows[_windows.IndexOf(w)] = w with { EndSeconds = end };
        }

        var entries = _entries.Select((e, i) => (e, i)).OrderBy(x => x.e.Seconds).ThenBy(x => x.i).Select(x => x.e).ToArray();
        var timeline = _timeline.Select(t => new TimelineSeries(t.Probe, t.Probe.Name, GameDayNames.Slis.Of(t.Probe.Sli!.Value), t.Probe.Tolerance, t.Points)).ToArray();
        var evaluation = new GameDayEvaluation(_experiment, entries, timeline, _windows, _twin.KeyBits, budgetsBefore, budgetsAfter, end, _twin.Epoch);
        var outcomes = evaluation.Expectations();
        deviations.AddRange(outcomes.Where(o => !o.Met).Select(o => $"expectation not met: {o.Expectation.Describe()} ({o.Reason})"));
        var wall = new WallClock(startedAt, _wall.GetElapsedTime(started).TotalSeconds, _twin.Mode);
        return new GameDayResult(_experiment, _source, entries, before, after, outcomes, deviations, evaluation.Summary(), timeline, _windows, end, wall)
        {
            Interrupted = _interrupted,
            AbortedBy = _aborted,
        };
    }

    // The experiment's rollbacks (without their pauses once interrupted or aborted), then whatever the target still holds
    // changed: on deviation or interruption only, as a run that went to plan has undone its own changes. Each rollback
    // is tried on its own: one the target does not answer is journalled with its error and the next one is tried.
    private void RollBack(Action<double>? progress)
    {
        foreach (var step in _experiment.Rollbacks)
        {
            bool stopped = _interrupted || _aborted is not null;
            try
            {
                Execute(step, stopped ? null : progress, rollback: true, pauses: !stopped);
            }
            catch (OperationCanceledException)
            {
                _interrupted = true; // a second signal during a rollback pause: finish the rollbacks without pauses
            }
            catch (LiveTargetException e)
            {
                if (_aborted is null)
                {
                    _aborted = e.Message;
                    _deviations.Add($"aborted: {e.Message} (during the rollbacks)");
                }
                Add(step.Probe is null ? JournalTypes.Action : JournalTypes.Probe, step.Name, null, ("phase", "rollback"),
                    ("action", step.Action is { } a ? GameDayNames.Actions.Of(a.Kind) : null), ("error", e.Message));
            }
        }
        if (_deviations.Count == 0)
        {
            return;
        }
        foreach (string undone in _twin.Restore())
        {
            Add(JournalTypes.Action, "restore", null, ("phase", "rollback"), ("action", "restore"), ("result", undone));
        }
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

    private void Execute(ExperimentStep step, Action<double>? progress, bool rollback = false, bool pauses = true)
    {
        if (pauses)
        {
            RunTo(_twin.Seconds + step.PauseBeforeSeconds, progress);
        }
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
        if (pauses)
        {
            RunTo(_twin.Seconds + step.PauseAfterSeconds, progress);
        }
    }

    private void Act(ExperimentStep step, ActionSpec a, bool rollback)
    {
        string trace = _twin.NewTrace("action/" + (_actions++).ToString(CultureInfo.InvariantCulture));
        var phase = ("phase", rollback ? "rollback" : "method");
        var verb = ("action", GameDayNames.Actions.Of(a.Kind));
        switch (a.Kind)
        {
            case ActionKind.InjectFault:
                _faultTraces[a.Id] = trace;
                _injecting = a.Id;
                var (id, error) = _twin.Inject(a.Fault!.Value, a.Target!, a.Magnitude, a.DurationSeconds, trace);
                _injecting = null;
                Add(JournalTypes.Action, step.Name, trace, phase, verb, ("id", a.Id), ("kind", FaultKinds.Name(a.Fault.Value)), ("target", a.Target),
                    ("magnitude", Number(a.Magnitude)), ("duration", a.DurationSeconds is { } d ? Number(d) : null), ("error", error));
                break;
            case ActionKind.ClearFault:
                var twinId = _faultIds.FirstOrDefault(kv => kv.Value == a.ClearsId).Key;
                bool cleared = twinId is not null && _twin.Clear(twinId, trace);
                Add(JournalTypes.Action, step.Name, _faultTraces.GetValueOrDefault(a.ClearsId!, trace), phase, verb, ("fault", a.ClearsId),
                    ("result", cleared ? "cleared" : "not active"));
                break;
            case ActionKind.StartSession or ActionKind.RequestLoad:
                var outcomes = new List<string>();
                var traces = new List<string>();
                for (int i = 0; i < a.Count; i++)
                {
                    var spec = a.Count == 1 ? a.Session! : Renamed(a.Session!, $"{a.Session!.Id}-{i + 1}");
                    var (outcome, sessionTrace) = _twin.Submit(spec, trace);
                    outcomes.Add(outcome);
                    if (sessionTrace is not null)
                    {
                        traces.Add(sessionTrace);
                    }
                }
                Add(JournalTypes.Action, step.Name, trace, phase, verb, ("sessions", a.Count.ToString(CultureInfo.InvariantCulture)),
                    ("source", a.Session!.Source), ("destination", a.Session.Destination),
                    ("outcomes", string.Join(",", outcomes.GroupBy(o => o).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"))),
                    ("traces", traces.Count > 0 ? string.Join(",", traces) : null));
                break;
            case ActionKind.OpenMaintenance:
                string? refused = _twin.OpenMaintenance(a.Id, a.Matchers!, a.DurationSeconds!.Value, trace);
                Add(JournalTypes.Action, step.Name, trace, phase, verb, ("duration", Number(a.DurationSeconds.Value)), ("labels", Key(a.Matchers!)), ("error", refused));
                break;
            default:
                string? problem = _twin.SetMitigation(a, trace);
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
        foreach (var alert in _twin.Alerts)
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
                Add(JournalTypes.Alert, alert.Name, null, (at - _twin.Epoch).TotalSeconds, [.. detail]);
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

    private void OnFaultChanged(FaultChange change)
    {
        if (_injecting is not null && change.Started && !_faultIds.ContainsKey(change.FaultId))
        {
            _faultIds[change.FaultId] = _injecting;
        }
        if (!_faultIds.TryGetValue(change.FaultId, out var stepId))
        {
            return; // not a fault this run injected
        }
        Add(JournalTypes.Fault, stepId, _faultTraces.GetValueOrDefault(stepId), change.Seconds, ("change", change.Started ? "started" : "cleared"),
            ("kind", FaultKinds.Name(change.Kind)), ("target", change.Target));
        if (change.Started)
        {
            _windows.Add(new FaultWindow(stepId, FaultKinds.Name(change.Kind), change.Target, change.Seconds, double.PositiveInfinity));
        }
        else if (_windows.FindLastIndex(w => w.Id == stepId) is var i and >= 0)
        {
            _windows[i] = _windows[i] with { EndSeconds = change.Seconds };
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
