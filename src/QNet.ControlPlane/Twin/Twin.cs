using System.Collections.Immutable;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Telemetry;
using QNet.Kernel;
using QNet.Network.Faults;
using QNet.Network.Routing;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using QNet.Qkd;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// The digital twin: a simulator running the scenario's network with its session scheduler, QKD links and faults.
/// Every method that changes it runs on the simulation thread (the <see cref="TwinRunner"/>); readers on other
/// threads see <see cref="Sessions"/>, <see cref="Faults"/> and <see cref="Snapshot"/>, which are swapped whole.
/// Links with a <c>qkd</c> block carry QKD only and are kept out of entanglement routing.
/// </summary>
internal sealed partial class Twin
{
    /// <summary>
    /// Ageing of every device: detector misalignment e_d gained per simulated hour since its last calibration. On
    /// entanglement links it is a real <c>calibration-drift</c> of the network (a single-click link's coherence falls by
    /// the factor 1 − 2e_d), so M10's sawtooth is physical; QKD links, driven apart, keep the same rate as a number. At
    /// this rate an uncalibrated four-link path of the metro network loses about 0.015 of delivered fidelity per 8 h
    /// (why the network calibrates every 8 h), and M10 reaches the 5 % tolerance after 100 h; an injected
    /// <c>calibration-drift</c> fault is the faster ageing an operator drills.
    /// </summary>
    public const double DriftPerHour = 0.0005;

    /// <summary>Id prefix of the ageing drift every entanglement link carries (not listed as a fault).</summary>
    public const string AgeingPrefix = "ageing-";

    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();
    private readonly Dictionary<string, LinkSpec> _baseLinks;
    private readonly Dictionary<string, NodeSpec> _baseNodes;
    private readonly Dictionary<string, SimTime> _calibratedAt = new(StringComparer.Ordinal);
    private readonly Func<SessionState, Task<bool>> _persistSession;
    private readonly Action<TwinEvent> _persistEvent;
    private readonly Action<Fault>? _persistFault;
    private volatile ImmutableDictionary<string, SessionState> _sessions = ImmutableDictionary.Create<string, SessionState>(StringComparer.Ordinal);
    private volatile ImmutableList<Fault> _faults = [];
    private volatile TwinSnapshot _snapshot = TwinSnapshot.Empty;

    public Twin(Scenario scenario, TwinMetrics metrics, EventHub events, TwinClock clock, double timeFactor,
        Func<SessionState, Task<bool>> persistSession, Action<TwinEvent> persistEvent, SessionTracer? tracer = null, Action<Fault>? persistFault = null,
        int? partitionThreads = null, SimTime start = default)
    {
        _persistFault = persistFault;
        Scenario = scenario;
        Metrics = metrics;
        Clock = clock;
        TimeFactor = timeFactor;
        ClockEnd = new TwinClockEnd(timeFactor);
        _persistSession = persistSession;
        _persistEvent = persistEvent;
        Simulator = new Simulator(scenario.Seed);
        Simulator.RunUntil(start); // nothing is queued yet: the clock moves to the start
        Start = start;
        var entanglement = scenario with { Links = scenario.Links.Where(l => l.Qkd is null).ToArray(), Sessions = [] };
        Topology = new Topology(entanglement);
        Scheduler = new SessionScheduler(Simulator, Topology) { PartitionThreads = partitionThreads ?? TwinParallelism.Threads };
        metrics.Detectors.SetFloors(scenario);
        Observer = new TwinObserver(Simulator, metrics, events, () => _sessions, OnSessionChanged, tracer ?? new SessionTracer(), () => Scheduler.ObservedTime);
        Scheduler.Observer = Observer;
        // A QKD session's clock starts at zero when its driver is built, at the twin's start.
        KeyBridge = new QkdKeyBridge(t => clock.At(start + t));
        Qkd = scenario.Links.Where(l => l.Qkd is { Protocol: QkdProtocol.Bb84Decoy } && l.Heralding == HeraldingScheme.Direct)
            .Select(l => new QkdDriver(l, Simulator, KeyBridge, metrics.Qkd, OnQkdEvent)).ToArray();
        _baseLinks = Topology.Links.Values.ToDictionary(l => l.Id, StringComparer.Ordinal);
        _baseNodes = Topology.Nodes.Values.ToDictionary(n => n.Id, StringComparer.Ordinal);
        WireQkd(events);
        FaultInjector = new FaultInjector(Simulator, Scheduler, scenario, this);
        FaultInjector.Changed += OnFaultChanged;
        foreach (string link in _baseLinks.Keys)
        {
            FaultInjector.Schedule(AgeingPrefix + link, new FaultSpec(QNet.Network.Scenarios.FaultKind.CalibrationDrift, link, DriftPerHour));
        }
        for (int i = 0; i < scenario.Faults.Count; i++)
        {
            FaultInjector.Schedule(ScenarioFaultPrefix + i, scenario.Faults[i]);
        }
        Calibrations = new CalibrationJobs(Simulator, FaultInjector, scenario.Calibration);
    }

    /// <summary>The network's faults: injection, clearing, drift and calibration on the simulator's clock.</summary>
    public FaultInjector FaultInjector { get; }

    /// <summary>The scenario's scheduled calibration jobs.</summary>
    public CalibrationJobs Calibrations { get; }

    public Scenario Scenario { get; }
    public Simulator Simulator { get; }
    public Topology Topology { get; }
    public SessionScheduler Scheduler { get; }
    public TwinObserver Observer { get; }
    public TwinMetrics Metrics { get; }
    public TwinClock Clock { get; }

    /// <summary>Where the twin's simulated clock ends, and its warnings.</summary>
    public TwinClockEnd ClockEnd { get; }

    /// <summary>The simulated time the twin started at: zero, unless a test starts it late in the clock's range.</summary>
    public SimTime Start { get; }

    public QkdKeyBridge KeyBridge { get; }
    public IReadOnlyList<QkdDriver> Qkd { get; }
    public double TimeFactor { get; }

    /// <summary>
    /// Sessions in memory: every pending or running one, and the last <see cref="RetainedEndedSessions"/> that ended
    /// (older ones are only in the store).
    /// </summary>
    public ImmutableDictionary<string, SessionState> Sessions => _sessions;

    /// <summary>Every fault, active or cleared.</summary>
    public ImmutableList<Fault> Faults => _faults;

    /// <summary>State at the end of the last step.</summary>
    public TwinSnapshot Snapshot => _snapshot;

    /// <summary>Submits a session now; returns its state with the admission decision already taken.</summary>
    /// <param name="requestedBy">The trace context of the API request that asked for it (linked from the session's root span).</param>
    public SessionState Submit(SessionSpec spec, string origin, DateTimeOffset createdAt, string? traceId = null, string? spanId = null,
        System.Diagnostics.ActivityContext? requestedBy = null)
    {
        (traceId, spanId) = Observer.Tracer.Begin(spec.Id, origin, ScenarioNames.Of(spec.Application), traceId, spanId, requestedBy);
        var state = new SessionState(new TwinSession(spec, traceId, spanId, createdAt, origin));
        Ids.Add(spec.Id);
        _sessions = _sessions.SetItem(spec.Id, state);
        Scheduler.Submit(spec with { StartSeconds = Simulator.Now.Seconds });
        Scheduler.RunUntil(Simulator.Now); // admits or refuses it now: OnSessionChanged stores that state
        if (state.Stored is null)
        {
            state.Stored = _persistSession(state);
        }
        return state;
    }

    /// <summary>Adds a session known only from the store (ended before a restart).</summary>
    public void Remember(SessionState state)
    {
        state.Stored ??= Task.FromResult(true);
        Ids.Add(state.Info.Spec.Id);
        _sessions = _sessions.SetItem(state.Info.Spec.Id, state);
        _ended.Enqueue(state);
        ForgetEnded();
    }

    /// <summary>Cancels a running session; false if it is not running.</summary>
    public bool Cancel(string id)
    {
        return _sessions.TryGetValue(id, out var state) && state.Outcome is SessionOutcome.Running or SessionOutcome.Degraded && Scheduler.Cancel(id, "cancelled through the API");
    }

    // The state follows the network's session: its report (status, reason, path) replaces the last one.
    private void OnSessionChanged(SessionState s, SessionReport report, SessionChange change)
    {
        SessionOutcome previous = s.Outcome;
        s.Suspended = change == SessionChange.Suspended;
        s.Report = report;
        if (change == SessionChange.Admitted)
        {
            s.AdmittedAtSeconds = Simulator.Now.Seconds;
            Metrics.Request(s.SessionClass, SessionNames.Of(change));
        }
        else if (change == SessionChange.Refused)
        {
            Metrics.Request(s.SessionClass, SessionNames.Of(change));
        }
        else if (change is SessionChange.Ended or SessionChange.Failed or SessionChange.Cancelled)
        {
            // Counted once, at its end: a suspension reads failed meanwhile but is not an outcome (it is re-admitted or given up).
            Metrics.Request(s.SessionClass, SessionNames.Of(s.Outcome));
        }
        s.Stored = _persistSession(s);
        _persistEvent(new TwinEvent("session", s.Info.Spec.Id, s.Info.TraceId, Simulator.Now.Seconds, Change: SessionNames.Of(change),
            Outcome: SessionNames.Of(s.Outcome), Reason: s.Reason));
        if (change is SessionChange.Refused or SessionChange.Ended or SessionChange.Failed or SessionChange.Cancelled)
        {
            _ended.Enqueue(s);
            ForgetEnded();
        }
    }

    // A serving session's report is replaced only on a status change: the API reads its application figures from here.
    private void ReadApplicationFigures()
    {
        foreach (var s in _sessions.Values)
        {
            if (s.Active && s.Info.Spec.Application is SessionApplication.Teleport or SessionApplication.Ghz or SessionApplication.Compute
                && Scheduler.ApplicationFiguresOf(s.Info.Spec.Id) is { } f && f.Uses != s.Live?.Uses)
            {
                s.Live = new SessionApplicationFigures(f.Fidelity, f.Uses);
            }
        }
    }

    /// <summary>Calibration drift of a link's devices now, 0..1.</summary>
    public double DriftOf(string linkId)
    {
        if (_baseLinks.ContainsKey(linkId))
        {
            return FaultInjector.MisalignmentDelta(linkId);
        }
        var since = _calibratedAt.GetValueOrDefault(linkId, Start);
        return Math.Min(1, DriftPerHour * (Simulator.Now.Seconds - since.Seconds) / 3600);
    }

    /// <summary>Records a calibration run of a link: its drift returns to zero. Returns the drift before, or null for an unknown link.</summary>
    public double? Calibrate(string linkId)
    {
        if (!_baseLinks.ContainsKey(linkId) && Qkd.All(q => q.Link.Id != linkId))
        {
            return null;
        }
        double before = DriftOf(linkId);
        _calibratedAt[linkId] = Simulator.Now;
        FaultInjector.Calibrate(linkId);
        return before;
    }

    /// <summary>
    /// Advances the simulation to <paramref name="target"/>, never past the clock's end (<see cref="ClockEnd"/>); QKD links
    /// follow on their own tasks through <see cref="Clock"/>.
    /// </summary>
    public void Advance(SimTime target)
    {
        if (target > ClockEnd.End)
        {
            target = ClockEnd.End;
        }
        if (target > Simulator.Now)
        {
            Scheduler.RunUntil(target); // with the session partitions, on the group clock
        }
        Clock.Set(Simulator.Now);
    }

    /// <summary>Rebuilds <see cref="Snapshot"/> and the gauge readings.</summary>
    public void Publish(double lagSeconds)
    {
        RunProbes();
        ReadApplicationFigures();
        var links = Scenario.Links.Select(spec =>
        {
            var current = Topology.Links.GetValueOrDefault(spec.Id) ?? spec;
            // Up from the link's own health: not cut and not out of service for calibration, whether or not sessions use it.
            bool up = spec.Qkd is not null || (Topology.IsUp(spec.Id) && !FaultInjector.InCalibration(spec.Id));
            long pairs = Observer.LinkPairs.GetValueOrDefault(spec.Id);
            double? fid = pairs == 0 ? null : Observer.LinkFidelitySum.GetValueOrDefault(spec.Id) / pairs;
            return new LinkView(spec.Id, spec.NodeA, spec.NodeB, ScenarioNames.Of(spec.Heralding), up, current.LengthMetres, current.AttenuationDbPerKm,
                up ? current.ChannelTransmittance : 0, pairs, fid, DriftOf(spec.Id), spec.Qkd is not null);
        }).ToArray();
        var nodes = Topology.Nodes.Values.Select(n => new NodeView(n.Id, ScenarioNames.Of(n.Kind), n.Memory.Slots,
            Scheduler.FreeSlots.GetValueOrDefault(n.Id), n.Memory.T2Seconds, n.Position?.X, n.Position?.Y)).ToArray();
        long deposited = KeyBridge.Counts.Deposited;
        var qkd = Qkd.Select(q => new QkdView(q.Link.Id, q.Link.NodeA, q.Link.NodeB, q.SecretBits, q.Blocks, q.KeyBlocks, deposited)
        {
            InitiatorVersion = q.Configuration.Ends.Initiator.Version,
            ResponderVersion = q.Configuration.Ends.Responder.Version,
            VerificationFailures = q.VerificationFailures,
            Paused = q.Paused,
        }).ToArray();
        double remaining = ClockEnd.RemainingSeconds(Simulator.Now);
        _snapshot = new TwinSnapshot(Scenario.Name, Simulator.Now.Seconds, TimeFactor, lagSeconds, links, nodes, qkd)
        {
            ClockRemainingSeconds = remaining,
        };
        foreach (var q in qkd)
        {
            Metrics.QkdSecretBits(q.Link, q.SecretBits); // key delivery in the metric history (incident impact)
        }
        Metrics.Publish(new GaugeReadings(
            links.Select(l => new System.Diagnostics.Metrics.Measurement<double>(l.Transmittance, new KeyValuePair<string, object?>("link", l.Id))).ToArray(),
            CoherenceReadings(),
            links.Select(l => new System.Diagnostics.Metrics.Measurement<double>(l.CalibrationDrift,
                new KeyValuePair<string, object?>("node", l.NodeA), new KeyValuePair<string, object?>("device", l.Id))).ToArray(),
            Simulator.Now.Seconds, lagSeconds)
        {
            LinkUp = links.Select(l => new System.Diagnostics.Metrics.Measurement<double>(l.Up ? 1 : 0, new KeyValuePair<string, object?>("link", l.Id))).ToArray(),
            ClockRemainingSeconds = [new System.Diagnostics.Metrics.Measurement<double>(remaining)],
        });
        Metrics.Tallies.Set(QNet.Sre.MetricCatalogue.TwinClockRemainingSeconds, NoLabels, remaining); // the in-process QNetTwinClockEnding reads it
        foreach (var l in links)
        {
            Metrics.Tallies.Set(QNet.Sre.MetricCatalogue.LinkUp, new Dictionary<string, string> { ["link"] = l.Id }, l.Up ? 1 : 0);
            Metrics.Tallies.Set(QNet.Sre.MetricCatalogue.LinkTransmittanceRatio, new Dictionary<string, string> { ["link"] = l.Id }, l.Transmittance);
            Metrics.Tallies.Set(QNet.Sre.MetricCatalogue.CalibrationDriftRatio, new Dictionary<string, string> { ["node"] = l.NodeA, ["device"] = l.Id }, l.CalibrationDrift);
        }
        PublishQkd();
    }
}
