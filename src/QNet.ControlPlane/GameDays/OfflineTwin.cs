using System.Security.Cryptography;
using System.Text;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Incidents;
using QNet.ControlPlane.Mitigation;
using QNet.ControlPlane.Slo;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Network.Mitigation;
using QNet.Network.Scenarios;
using QNet.Sre.Specs;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// A seeded twin of a scenario run offline as <c>qnet up</c>'s runner drives it, as fast as the machine allows: advance
/// in 15 s steps of twin time, keep the QKD links level with it, publish, sample the metric history and tick the
/// in-process SLO monitor (default specs and alert rules) at each sample, with the mitigation policy on. No wall clock
/// and no random id reaches the run: session trace ids derive from the seed, so the same scenario and seed give the same
/// run. Game days and the failure-mode tests run on it; given an incident book, it feeds the book as <c>qnet up</c> does.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One offline twin lives for one game-day run in its own process or test; its meters hold no OS resource.")]
internal sealed class OfflineTwin
{
    /// <summary>Twin time zero (a Monday), as the tests have always used.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly SimTime Step = SimTime.FromSeconds(TwinHistory.SampleInterval.TotalSeconds);

    private readonly TwinMetrics _metrics = new();
    private readonly List<MaintenanceWindow> _windows = [];
    private readonly List<(long UnixMs, long Bits)> _keyBits = [];
    private readonly ulong _seed;
    private readonly bool _runQkd;
    private readonly EventHub.Subscription? _feed;
    private readonly IncidentBook? _incidents;
    private readonly TwinClock _rulesAt = new(Epoch); // the sample instant the SLO monitor evaluates (it may run behind the twin)
    private long _ticks;

    /// <param name="scenario">The network (its seed seeds the twin); the built-in metro network when null.</param>
    /// <param name="policy">The mitigation policy (default: the scenario's <c>mitigation</c> section, else <see cref="MitigationPolicy.Default"/>).</param>
    /// <param name="onEvent">Hears every session change, mitigation action and QKD event, on the simulation thread, in order.</param>
    /// <param name="runQkd">Keep the QKD links level with the twin (distil keys); their blocks cost more than the rest of the twin.</param>
    /// <param name="incidents">When given, fed as <c>qnet up</c> feeds it: faults, the event stream after each step, and the alert transitions of each tick.</param>
    /// <param name="partitionThreads">Threads for the twin's session partitions (0: none); default <see cref="TwinParallelism.Threads"/>. The run is the same with any positive count.</param>
    public OfflineTwin(Scenario? scenario = null, MitigationPolicy? policy = null, Action<TwinEvent>? onEvent = null, bool runQkd = false,
        IncidentBook? incidents = null, int? partitionThreads = null)
    {
        scenario ??= Hosting.DefaultScenario.Load();
        _runQkd = runQkd;
        _seed = scenario.Seed;
        _incidents = incidents;
        var events = new EventHub(TimeProvider.System);
        _feed = incidents is null ? null : events.Subscribe();
        Twin = new ControlPlane.Twin.Twin(scenario, _metrics, events, Clock, 1, _ => Task.FromResult(true), onEvent ?? (_ => { }),
            partitionThreads: partitionThreads)
        {
            FaultObserved = incidents is null ? null : incidents.RecordFault,
        };
        Mitigation = Twin.EnableMitigation(policy ?? scenario.Mitigation ?? MitigationPolicy.Default, events);
        Monitor = new SloMonitor(SloMonitor.LoadSpecs([]), History, _rulesAt, () => _windows) { Incidents = incidents };
        foreach (var spec in Twin.Scenario.Sessions)
        {
            Submit(spec, "scenario");
        }
    }

    public ControlPlane.Twin.Twin Twin { get; }

    public MitigationEngine Mitigation { get; }

    public SloMonitor Monitor { get; }

    public TwinClock Clock { get; } = new(Epoch);

    public TwinHistory History { get; } = new() { Persists = false }; // nothing outlives the run

    /// <summary>Secret bits distilled by every QKD link together, at each history sample (Unix ms), oldest first.</summary>
    public IReadOnlyList<(long UnixMs, long Bits)> KeyBits => _keyBits;

    /// <summary>Twin time now, in seconds since the start.</summary>
    public double Seconds => Twin.Simulator.Now.Seconds;

    /// <summary>Twin time now, in Unix milliseconds.</summary>
    public long UnixMs => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Runs the twin for <paramref name="span"/> of simulated time in 15 s steps, sampling and evaluating the rules at each.</summary>
    public void Run(TimeSpan span) => RunUntil(Seconds + span.TotalSeconds, null);

    /// <summary>
    /// Runs to <paramref name="endSeconds"/> of twin time in 15 s steps (the last step may be shorter); after each
    /// history sample and rule evaluation <paramref name="sampled"/> runs.
    /// </summary>
    public void RunUntil(double endSeconds, Action? sampled)
    {
        var end = SimTime.FromSeconds(endSeconds);
        while (Twin.Simulator.Now < end)
        {
            AdvanceStep(end);
            if (TakeSample())
            {
                Evaluate();
                sampled?.Invoke();
            }
        }
    }

    /// <summary>
    /// <see cref="RunUntil(double, Action?)"/> with each sample's rule evaluation on a worker thread, overlapped with the
    /// twin's next step: nothing the twin does reads the alerts, and the evaluation reads only the history (written
    /// again at the next sample, after the evaluation is done) on a clock of its own set to the sample's instant.
    /// <paramref name="taken"/> hears each sample's twin seconds when it is taken; <paramref name="evaluated"/> hears them
    /// once its evaluation is done, which is after the twin's next step (before the next sample) or at the end: it
    /// must read only the history, the alerts and the sample's time, as the twin has moved on. Fed an incident book,
    /// the twin runs as <see cref="RunUntil(double, Action?)"/> (the book hears the alerts in order with the events).
    /// </summary>
    public void RunUntil(double endSeconds, Action<double> taken, Action<double> evaluated)
    {
        if (_incidents is not null)
        {
            RunUntil(endSeconds, () =>
            {
                taken(Seconds);
                evaluated(Seconds);
            });
            return;
        }
        var end = SimTime.FromSeconds(endSeconds);
        Task? pending = null;
        double pendingSeconds = 0;
        try
        {
            while (Twin.Simulator.Now < end)
            {
                AdvanceStep(end);
                Finish(ref pending, pendingSeconds, evaluated); // before the history is written again
                if (!TakeSample())
                {
                    continue;
                }
                pendingSeconds = Seconds;
                taken(pendingSeconds);
                pending = Task.Run(Evaluate);
            }
            Finish(ref pending, pendingSeconds, evaluated);
        }
        finally
        {
            // An exception on the way out (an interruption in a callback): the worker is done before anyone reads the monitor.
            if (pending is not null)
            {
                ((IAsyncResult)pending).AsyncWaitHandle.WaitOne();
            }
        }
    }

    private static void Finish(ref Task? pending, double seconds, Action<double> evaluated)
    {
        if (pending is null)
        {
            return;
        }
        var task = pending;
        pending = null;
        task.GetAwaiter().GetResult();
        evaluated(seconds);
    }

    // One step of at most 15 s: advance, keep the QKD links level, publish, feed the incident book.
    private void AdvanceStep(SimTime end)
    {
        var next = new SimTime(Math.Min(end.Picoseconds, Twin.Simulator.Now.Picoseconds + Step.Picoseconds));
        Twin.Advance(next);
        foreach (var qkd in _runQkd ? Twin.Qkd : [])
        {
            while (qkd.Step(Twin.Simulator.Now))
            {
            }
        }
        Twin.Publish(0);
        while (_feed is not null && _feed.Reader.TryRead(out var e))
        {
            _incidents!.RecordEvent(e, Clock.Epoch.AddTicks((long)(e.SimulatedSeconds * TimeSpan.TicksPerSecond)));
        }
    }

    // The history sample, if due; true when taken (the rules' clock is then at its instant).
    private bool TakeSample()
    {
        if (History.SampleIfDue(_metrics.Tallies, UnixMs) is null)
        {
            return false;
        }
        _rulesAt.Set(Twin.Simulator.Now);
        if (_runQkd)
        {
            _keyBits.Add((UnixMs, Twin.Qkd.Sum(q => q.SecretBits)));
        }
        return true;
    }

    // The rules at the last sample. Budgets are computed on demand (Budgets), not at every tick: statusEveryTicks far beyond the run.
    private void Evaluate() => Monitor.Tick(++_ticks, long.MaxValue / 4);

    /// <summary>Budgets now (one evaluation over the whole history).</summary>
    public IReadOnlyList<QNet.Sre.Evaluation.SloStatus> Budgets()
    {
        _rulesAt.Set(Twin.Simulator.Now);
        Monitor.Tick(++_ticks + (long.MaxValue / 2), 1);
        return Monitor.Status;
    }

    /// <summary>Submits a session now with trace ids derived from the seed and its id.</summary>
    public SessionState Submit(SessionSpec spec, string origin)
    {
        var (trace, span) = TraceIds("session/" + spec.Id);
        return Twin.Submit(spec, origin, Clock.GetUtcNow(), trace, span);
    }

    /// <summary>Injects a fault now; returns the twin's fault id, or the field and message of what is wrong.</summary>
    public (string? Id, string? Error) TryInject(FaultKind kind, string target, double magnitude, double? durationSeconds = null)
    {
        var (fault, field, error) = Twin.Inject(kind, target, magnitude, durationSeconds, Clock.GetUtcNow());
        return fault is null ? (null, $"{field}: {error}") : (fault.Id, null);
    }

    /// <summary>Injects a fault now (no duration: it stays until <see cref="Clear"/>); returns its id.</summary>
    public string Inject(FaultKind kind, string target, double magnitude) =>
        TryInject(kind, target, magnitude) is { Id: { } id } ? id : throw new InvalidOperationException($"fault rejected: {TryInject(kind, target, magnitude).Error}");

    /// <summary>Clears an active fault now; false if it is not active (it cleared itself after its duration).</summary>
    public bool TryClear(string faultId) => Twin.Clear(faultId, Clock.GetUtcNow()) is not null;

    public void Clear(string faultId)
    {
        if (!TryClear(faultId))
        {
            throw new InvalidOperationException($"no active fault {faultId}");
        }
    }

    /// <summary>Opens a maintenance window from now for <paramref name="seconds"/> over <paramref name="matchers"/>.</summary>
    public void OpenMaintenance(string name, IReadOnlyDictionary<string, string> matchers, double seconds)
    {
        var now = Clock.GetUtcNow();
        _windows.Add(MaintenanceWindow.OneOff(name, matchers, now, now.AddSeconds(seconds)));
    }

    /// <summary>A W3C trace id and span id derived from the seed and <paramref name="key"/> (the same run gives the same ids).</summary>
    public (string TraceId, string SpanId) TraceIds(string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{_seed}/{key}")));
        return (hash[..32], hash[32..48]);
    }

    /// <summary>The latest sampled value of <paramref name="metric"/> for the series whose <paramref name="label"/> is <paramref name="value"/>; null if never sampled.</summary>
    public double? Latest(string metric, string label, string value) => History
        .Query(metric, 0, UnixMs)
        .Where(s => s.Labels.TryGetValue(label, out var v) && v == value)
        .SelectMany(s => s.Samples)
        .OrderBy(s => s.UnixMs)
        .Select(s => (double?)s.Value)
        .LastOrDefault();

    /// <summary>The sum over series labelled <paramref name="label"/>=<paramref name="value"/> of each one's latest sampled value.</summary>
    public double SumOfLatest(string metric, string label, string value) => History
        .Query(metric, 0, UnixMs)
        .Where(s => s.Labels.TryGetValue(label, out var v) && v == value && s.Samples.Count > 0)
        .Sum(s => s.Samples[^1].Value);

    /// <summary>The status (pending, firing) of alert <paramref name="name"/> on a series labelled <paramref name="label"/>=<paramref name="value"/>, or null when none is active.</summary>
    public string? AlertStatus(string name, string label, string value) => Monitor.Alerts
        .Where(a => a.Name == name && a.Status != "resolved" && a.Labels.TryGetValue(label, out var v) && v == value)
        .Select(a => a.Status)
        .FirstOrDefault();

    /// <summary>True when an alert named <paramref name="name"/> is firing on any series.</summary>
    public bool Firing(string name) => Monitor.Alerts.Any(a => a.Name == name && a.Status == "firing");

    /// <summary>True when no alert named <paramref name="name"/> is pending or firing.</summary>
    public bool Quiet(string name) => Monitor.Alerts.All(a => a.Name != name || a.Status == "resolved");

    /// <summary>The default policy switched off (signals read, nothing acts).</summary>
    public static MitigationPolicy Off => MitigationPolicy.Default with { Enabled = false };

    /// <summary>Mitigation records (actions, not lifts) of <paramref name="action"/> on <paramref name="target"/>.</summary>
    public IReadOnlyList<MitigationRecord> Actions(string action, string target) =>
        Mitigation.Recent.Where(r => r.Action == action && r.Target == target && !r.Lifted).ToList();
}
