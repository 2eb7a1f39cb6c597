using QNet.ControlPlane.Events;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Mitigation;
using QNet.ControlPlane.Slo;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Network.Scenarios;
using IncidentBook = QNet.ControlPlane.Incidents.IncidentBook;

namespace QNet.ControlPlane.Tests.FailureModes;

/// <summary>
/// The metro twin run offline as <c>DefaultNetworkSloTests</c> runs it (advance, publish, sample every 15 s of twin time,
/// tick the in-process SLO monitor with the default specs and their alert rules), with the default mitigation policy on,
/// so a failure-mode test can inject a fault through the twin and read the physics, the sampled signal, the alerts and
/// the mitigation engine's actions. The scenario's seed makes every run the same.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A harness lives for one test; its meters hold no OS resource.")]
internal sealed class FailureModeHarness
{
    private static readonly SimTime Step = SimTime.FromSeconds(TwinHistory.SampleInterval.TotalSeconds);

    private readonly TwinClock _clock = new(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
    private readonly TwinMetrics _metrics = new();
    private readonly TwinHistory _history = new();
    private long _ticks;

    private readonly EventHub.Subscription? _feed;
    private readonly IncidentBook? _incidents;

    /// <param name="scenario">The network (default: the metro scenario).</param>
    /// <param name="policy">The mitigation policy (default: <see cref="MitigationPolicy.Default"/>, on); switched off, a test sees the signal and alert without a mitigation masking them.</param>
    /// <param name="incidents">When given, fed as <c>qnet up</c> feeds it: faults, the event stream after each step, and the alert transitions of each tick.</param>
    public FailureModeHarness(Scenario? scenario = null, MitigationPolicy? policy = null, IncidentBook? incidents = null)
    {
        var events = new EventHub(TimeProvider.System);
        _incidents = incidents;
        _feed = incidents is null ? null : events.Subscribe();
        Twin = new ControlPlane.Twin.Twin(scenario ?? DefaultScenario.Load(), _metrics, events, _clock, 1, _ => Task.FromResult(true), _ => { })
        {
            FaultObserved = incidents is null ? null : incidents.RecordFault,
        };
        Mitigation = Twin.EnableMitigation(policy ?? MitigationPolicy.Default, events);
        Monitor = new SloMonitor(SloMonitor.LoadSpecs([]), _history, _clock, () => []) { Incidents = incidents };
        foreach (var spec in Twin.Scenario.Sessions)
        {
            Twin.Submit(spec, "scenario", _clock.GetUtcNow());
        }
    }

    public ControlPlane.Twin.Twin Twin { get; }

    public MitigationEngine Mitigation { get; }

    public SloMonitor Monitor { get; }

    /// <summary>The twin's clock (twin time as UTC).</summary>
    public TwinClock Clock => _clock;

    /// <summary>The sampled metric history.</summary>
    public TwinHistory History => _history;

    /// <summary>Runs the twin for <paramref name="span"/> of simulated time in 15 s steps, sampling and evaluating the rules at each.</summary>
    public void Run(TimeSpan span)
    {
        var end = new SimTime(Twin.Simulator.Now.Picoseconds + SimTime.FromSeconds(span.TotalSeconds).Picoseconds);
        while (Twin.Simulator.Now < end)
        {
            Twin.Advance(new SimTime(Twin.Simulator.Now.Picoseconds + Step.Picoseconds));
            Twin.Publish(0);
            while (_feed is not null && _feed.Reader.TryRead(out var e))
            {
                _incidents!.RecordEvent(e, _clock.Epoch.AddTicks((long)(e.SimulatedSeconds * TimeSpan.TicksPerSecond)));
            }
            if (_history.SampleIfDue(_metrics.Tallies, _clock.GetUtcNow().ToUnixTimeMilliseconds()) is not null)
            {
                Monitor.Tick(++_ticks, long.MaxValue / 4);
            }
        }
    }

    /// <summary>Injects a fault now (no duration: it stays until <see cref="Clear"/>); returns its id.</summary>
    public string Inject(FaultKind kind, string target, double magnitude)
    {
        var (fault, field, error) = Twin.Inject(kind, target, magnitude, null, _clock.GetUtcNow());
        return fault?.Id ?? throw new InvalidOperationException($"fault rejected: {field}: {error}");
    }

    public void Clear(string faultId)
    {
        if (Twin.Clear(faultId, _clock.GetUtcNow()) is null)
        {
            throw new InvalidOperationException($"no active fault {faultId}");
        }
    }

    /// <summary>The latest sampled value of <paramref name="metric"/> for the series whose <paramref name="label"/> is <paramref name="value"/>; null if never sampled.</summary>
    public double? Latest(string metric, string label, string value) => _history
        .Query(metric, 0, _clock.GetUtcNow().ToUnixTimeMilliseconds())
        .Where(s => s.Labels.TryGetValue(label, out var v) && v == value)
        .SelectMany(s => s.Samples)
        .OrderBy(s => s.UnixMs)
        .Select(s => (double?)s.Value)
        .LastOrDefault();

    /// <summary>The sum over series labelled <paramref name="label"/>=<paramref name="value"/> of each one's latest sampled value.</summary>
    public double SumOfLatest(string metric, string label, string value) => _history
        .Query(metric, 0, _clock.GetUtcNow().ToUnixTimeMilliseconds())
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
