using System.Globalization;
using System.Text.Json;
using QNet.ControlPlane.Apis;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Mitigation;
using QNet.ControlPlane.Slo;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;
using QNet.Network.Mitigation;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using QNet.Sre.Evaluation;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// The live backend: a running <c>qnet up</c> through its admin API, in wall time at the target's time factor (read
/// from <c>/health</c>; the experiment's times are twin times). Twin time is read from the target's clock
/// (<c>/api/v1/console/whoami</c>) and counted from the start of the run. Every 15 s of twin time it samples
/// <c>/metrics</c> into its own history (so the probes read the same cumulative series as offline), the alerts, the
/// faults it injected, and the stored session changes and mitigations (<c>/api/v1/events/history</c>). It remembers
/// what it changed so <see cref="Restore"/> can undo it after a deviation or an interruption.
/// </summary>
internal sealed class LiveTarget : IGameDayTarget
{
    private const double SampleSeconds = 15;

    // Stored events are read from a little before the latest one read, at most this many a call (the API's limit).
    private const int EventPage = 1000;
    private const double EventOverlapSeconds = 60;

    private readonly LiveApi _api;
    private readonly CancellationToken _interrupt;
    private readonly bool _readKeys;
    private readonly InMemoryMetricHistory _history = new();
    private readonly List<(long UnixMs, long Bits)> _keyBits = [];
    private readonly Dictionary<string, (FaultKind Kind, string Target, bool Cleared)> _faults = new(StringComparer.Ordinal);
    private readonly List<string> _maintenance = [];
    private readonly List<string> _sessions = [];
    private readonly HashSet<string> _seenEvents = new(StringComparer.Ordinal);
    private MitigationPolicyWire? _policyBefore;
    private IReadOnlyList<AlertView> _alerts = [];
    private Action<TwinEvent> _onEvent = _ => { };
    private Action<FaultChange> _onFault = _ => { };
    private DateTimeOffset _now;
    private double _nextSample;
    private readonly DateTimeOffset _twinEpoch; // the target's clock at its simulated time zero (stored events are at this plus their seconds)
    private DateTimeOffset _eventsRead;         // the latest stored event read so far

    /// <summary>Connects: reads the time factor and the clock, and checks the token is an operator's; throws <see cref="LiveTargetException"/> when not.</summary>
    public LiveTarget(LiveApi api, Experiment experiment, CancellationToken interrupt)
    {
        _api = api;
        _interrupt = interrupt;
        _readKeys = OfflineTarget.ReadsKeys(experiment);
        var before = _api.Get<WhoAmIView>("api/v1/console/whoami", interruptible: true);
        if (before.Role != "operator")
        {
            throw new LiveTargetException($"--token: a {before.Role} token may only read; a game day injects faults and needs an operator token");
        }
        var health = _api.Get<HealthView>("health", acceptUnavailable: true);
        RefuseEndingClock(health, GameDayRunner.PlannedSecondsOf(experiment), api.Target);
        var after = _api.Get<WhoAmIView>("api/v1/console/whoami");
        TimeFactor = health.TimeFactor;
        // The clock read just before and after /health brackets its simulated seconds: take the middle.
        _now = after.TwinNow;
        Epoch = before.TwinNow + ((after.TwinNow - before.TwinNow) / 2);
        // The target's events carry its simulated seconds; on its clock they are at its epoch plus those. Faults, samples
        // and events are all timed on that clock, from Epoch: the health read's simulated seconds come from a snapshot
        // that can be a step older than the clock (a lagging twin takes long steps), which put events up to half a step
        // before the fault that caused them. An older target does not say its epoch: then the health read stands in.
        _twinEpoch = after.TwinEpoch ?? Epoch.AddSeconds(-health.SimulatedSeconds);
        _eventsRead = Epoch;
        Scenario = health.Scenario;
    }

    // A twin whose clock ends within the experiment stops advancing under it, and the run would wait for a clock that no
    // longer moves: refused before anything is injected. A follower runs no twin and says nothing of its clock.
    private static void RefuseEndingClock(HealthView health, double plannedSeconds, Uri target)
    {
        if (health.ClockRemainingSeconds is not { } remaining || remaining >= plannedSeconds)
        {
            return;
        }
        string restart = "restart `qnet up` there (its sessions, faults and keys are restored and its clock starts again from zero) and run the game day again";
        throw new LiveTargetException(remaining <= 0
            ? $"--target: the twin's clock at {target} has ended, so its twin no longer advances; {restart}"
            : $"--target: the twin's clock at {target} ends in {remaining.ToString("F0", CultureInfo.InvariantCulture)} simulated s, before this experiment's {plannedSeconds.ToString("F0", CultureInfo.InvariantCulture)} s; {restart}");
    }

    /// <summary>Twin seconds per wall second on the target.</summary>
    public double TimeFactor { get; }

    /// <summary>The target's scenario name.</summary>
    public string Scenario { get; }

    public string Mode => "live";

    /// <summary>The target's twin clock when the run started (run time zero).</summary>
    public DateTimeOffset Epoch { get; }

    public double Seconds => (_now - Epoch).TotalSeconds;

    public long UnixMs => _now.ToUnixTimeMilliseconds();

    public IMetricHistory History => _history;

    public IReadOnlyList<AlertView> Alerts => _alerts;

    public IReadOnlyList<(long UnixMs, long Bits)> KeyBits => _keyBits;

    public IReadOnlyList<SloStatus> Budgets() => _api.Get<SloStatus[]>("api/v1/slo/status");

    // A suspended session counts as failed, as the network (and an offline run) reports it.
    public int CountSessions(SessionOutcome outcome, string? sessionId) => _api.Get<SessionView[]>("api/v1/sessions")
        .Count(s => (s.Outcome == SessionNames.Of(outcome) || (outcome == SessionOutcome.Failed && s.Outcome == SessionNames.SuspendedStatus))
            && (sessionId is null || s.Id == sessionId));

    public void Observe(Action<TwinEvent> onEvent, Action<FaultChange> onFault)
    {
        _onEvent = onEvent;
        _onFault = onFault;
    }

    public void RunUntil(double endSeconds, Action sampled)
    {
        while (true)
        {
            _interrupt.ThrowIfCancellationRequested();
            Tick();
            if (Seconds >= _nextSample)
            {
                Sample();
                sampled();
                _nextSample = (Math.Floor(Seconds / SampleSeconds) + 1) * SampleSeconds;
            }
            if (Seconds >= endSeconds)
            {
                return;
            }
            double twin = Math.Min(endSeconds, _nextSample) - Seconds;
            // Wait in wall time; a signal ends the wait at once.
            if (_interrupt.WaitHandle.WaitOne(TimeSpan.FromSeconds(Math.Max(0.01, twin / TimeFactor))))
            {
                _interrupt.ThrowIfCancellationRequested();
            }
        }
    }

    public string NewTrace(string key) => LiveApi.NewTraceId();

    public (string? Id, string? Error) Inject(FaultKind kind, string target, double magnitude, double? durationSeconds, string trace)
    {
        var request = new FaultRequest(FaultKinds.Name(kind), target, FaultKinds.HasMagnitude(kind) ? magnitude : null, durationSeconds);
        // The clock read before the call: the twin applies the fault at its next step, and while it catches up a step can
        // be long, so the time read after would be late (a mitigation could seem to act before its fault).
        Tick();
        var (fault, problem) = _api.Send<FaultView>(HttpMethod.Post, "api/v1/faults", request, trace);
        if (fault is null)
        {
            return (null, problem);
        }
        _faults[fault.Id] = (kind, target, false);
        _onFault(new FaultChange(fault.Id, kind, target, true, Seconds));
        return (fault.Id, null);
    }

    public bool Clear(string faultId, string trace)
    {
        Tick(); // before the call, as for Inject
        if (!_api.Delete("api/v1/faults/" + Uri.EscapeDataString(faultId), trace))
        {
            return false;
        }
        Cleared(faultId);
        return true;
    }

    public (string Outcome, string? TraceId) Submit(SessionSpec spec, string trace)
    {
        var request = new SessionRequest(spec.Id, spec.Source, spec.Destination, ScenarioNames.Of(spec.Application), spec.MinFidelity,
            DurationSeconds: spec.DurationSeconds);
        var (view, problem) = _api.Send<SessionView>(HttpMethod.Post, "api/v1/sessions", request, trace, conflictHasBody: true);
        if (view is null)
        {
            return ("error: " + problem, null);
        }
        _sessions.Add(view.Id);
        return (view.Outcome, view.TraceId);
    }

    public string? OpenMaintenance(string name, IReadOnlyDictionary<string, string> matchers, double seconds, string trace)
    {
        Tick();
        var request = new MaintenanceRequest(_now, _now.AddSeconds(seconds), new Dictionary<string, string>(matchers, StringComparer.Ordinal), "game day: " + name);
        var (window, problem) = _api.Send<MaintenanceRecord>(HttpMethod.Post, "api/v1/maintenance", request, trace);
        if (window is not null)
        {
            _maintenance.Add(window.Id);
        }
        return problem;
    }

    public string? SetMitigation(ActionSpec action, string trace)
    {
        var view = _api.Get<MitigationView>("api/v1/mitigation");
        var (current, field, error) = view.Policy.Over(MitigationPolicy.Default);
        if (current is null)
        {
            return $"{field}: {error}";
        }
        MitigationPolicy changed;
        try
        {
            changed = MitigationChange.Apply(current, action);
        }
        catch (ArgumentException e)
        {
            return e.ParamName + ": " + e.Message.Split(" (Parameter")[0];
        }
        var (_, problem) = _api.Send<MitigationView>(HttpMethod.Put, "api/v1/mitigation", MitigationPolicyWire.Of(changed), trace);
        _policyBefore ??= problem is null ? view.Policy : null;
        return problem;
    }

    public IReadOnlyList<string> Restore()
    {
        // Best effort: each undo is its own call (with the client's timeout), and one the target does not answer is
        // reported and the next one tried, so a target that stopped answering still gets every attempt.
        var undone = new List<string>();
        string trace = LiveApi.NewTraceId();
        foreach (var (id, f) in _faults.Where(kv => !kv.Value.Cleared).ToArray())
        {
            Attempt(undone, $"clear fault {id} ({FaultKinds.Name(f.Kind)} on {f.Target})", () =>
            {
                Tick();
                if (!_api.Delete("api/v1/faults/" + Uri.EscapeDataString(id), trace))
                {
                    return null;
                }
                Cleared(id);
                return $"cleared fault {id} ({FaultKinds.Name(f.Kind)} on {f.Target})";
            });
        }
        foreach (var id in _maintenance)
        {
            Attempt(undone, $"close maintenance window {id}", () =>
                _api.Delete("api/v1/maintenance/" + Uri.EscapeDataString(id), trace) ? $"closed maintenance window {id}" : null);
        }
        _maintenance.Clear();
        if (_policyBefore is { } policy)
        {
            Attempt(undone, "restore the mitigation policy", () =>
            {
                _api.Send<MitigationView>(HttpMethod.Put, "api/v1/mitigation", policy, trace);
                return "restored the mitigation policy";
            });
            _policyBefore = null;
        }
        if (_sessions.Count > 0)
        {
            Attempt(undone, "cancel the sessions the run started", () =>
            {
                var live = _api.Get<SessionView[]>("api/v1/sessions").ToDictionary(s => s.Id, StringComparer.Ordinal);
                foreach (var id in _sessions)
                {
                    if (live.TryGetValue(id, out var s) && s.Outcome is "pending" or "running" or "degraded" or "suspended")
                    {
                        Attempt(undone, $"cancel session {id}", () =>
                            _api.Delete("api/v1/sessions/" + Uri.EscapeDataString(id), trace) ? $"cancelled session {id}" : null);
                    }
                }
                return null;
            });
        }
        _sessions.Clear();
        return undone;
    }

    // One undo: its line when done, nothing when there was nothing to undo, "could not ..." with the error when the call failed.
    private static void Attempt(List<string> undone, string what, Func<string?> undo)
    {
        try
        {
            if (undo() is { } done)
            {
                undone.Add(done);
            }
        }
        catch (LiveTargetException e)
        {
            undone.Add($"could not {what}: {e.Message}");
        }
    }

    // The stored events from a little before the latest one read, oldest first (some read before: the caller drops them).
    // The store writes behind the twin, in the order of the events' times, so an event shows up a moment after its
    // time; reading on from what was read, rather than from the clock a fixed span back, misses none however late it
    // shows up or however long a sample took. A full page is followed by the next one down (the history is newest first).
    private List<TwinEvent> StoredEvents()
    {
        string since = Rfc3339(_eventsRead.AddSeconds(-EventOverlapSeconds));
        var pages = new List<TwinEvent>();
        string? until = null;
        while (true)
        {
            var page = _api.Get<TwinEvent[]>($"api/v1/events/history?since={since}&limit={EventPage}" + (until is null ? "" : "&until=" + until));
            pages.AddRange(page);
            if (page.Length < EventPage)
            {
                break;
            }
            // Below the page's oldest instant, which is read again (until is exclusive): a page all of one instant ends it.
            string below = Rfc3339(StoredAt(page[^1]).AddMilliseconds(1));
            if (below == until)
            {
                break;
            }
            until = below;
        }
        pages.Reverse();
        return pages;
    }

    private DateTimeOffset StoredAt(TwinEvent e) => TwinClock.At(_twinEpoch, e.SimulatedSeconds);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Rfc3339(DateTimeOffset t) => Uri.EscapeDataString(t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));

    private void Tick() => _now = _api.Get<WhoAmIView>("api/v1/console/whoami").TwinNow;

    private void Cleared(string faultId)
    {
        if (_faults.TryGetValue(faultId, out var f) && !f.Cleared)
        {
            _faults[faultId] = f with { Cleared = true };
            _onFault(new FaultChange(faultId, f.Kind, f.Target, false, Seconds));
        }
    }

    private void Sample()
    {
        long at = UnixMs;
        foreach (var s in PrometheusScrape.Parse(_api.Text("metrics", interruptible: true)))
        {
            _history.Add(s.Metric, s.Labels, at, s.Value);
        }
        _alerts = _api.Get<AlertView[]>("api/v1/alerts", interruptible: true);
        if (_faults.Values.Any(f => !f.Cleared))
        {
            // Faults with a duration clear themselves on the target.
            foreach (var f in _api.Get<FaultView[]>("api/v1/faults").Where(f => !f.Active && _faults.ContainsKey(f.Id)))
            {
                Cleared(f.Id);
            }
        }
        foreach (var e in StoredEvents())
        {
            var stored = StoredAt(e);
            if (stored >= Epoch && _seenEvents.Add(JsonSerializer.Serialize(e, TwinPersistence.Json)))
            {
                _onEvent(e with { SimulatedSeconds = (stored - Epoch).TotalSeconds });
                _eventsRead = Max(_eventsRead, stored);
            }
        }
        if (_readKeys)
        {
            _keyBits.Add((at, _api.Get<QkdView[]>("api/v1/qkd").Sum(q => q.SecretBits)));
        }
    }
}
