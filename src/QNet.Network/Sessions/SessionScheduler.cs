using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Links;
using QNet.Network.Routing;
using QNet.Network.Scenarios;

namespace QNet.Network.Sessions;

/// <summary>
/// Admits session requests and runs them: routes each one, checks that its fidelity target is
/// reachable on the route, reserves memory along it (one slot per lane at an end, two at a repeater),
/// starts its path protocol, ends it when its request is met or its time is up, and moves it to
/// another path when a link it uses fails. Among requests due at the same instant, higher priority
/// is admitted first.
/// </summary>
public sealed class SessionScheduler : IEventHandler
{
    private const int AdmitEvent = 0;
    private const int EndEvent = 1;

    private readonly Simulator _sim;
    private readonly Router _router;
    private readonly LinkEngine _engine;
    private readonly Dictionary<string, int> _free;
    private readonly SessionAdmission _admission;
    // Keyed by a submission number that only grows, so a pending admit/end event (whose argument is that number)
    // stays valid after older sessions are forgotten, and a forgotten id submitted again gets a new number.
    private readonly Dictionary<long, SessionSpec> _submitted = [];
    private readonly Dictionary<string, long> _indexById = [];
    private readonly Queue<(long Index, string Id)> _finished = new();
    private long _nextIndex;
    private readonly Dictionary<string, SessionRuntime> _runtimes = [];
    private readonly Dictionary<string, (SessionOutcome Outcome, string? Reason)> _decided = [];
    private readonly Dictionary<SessionRuntime, Dictionary<string, int>> _reserved = [];

    /// <summary>Creates a scheduler over a topology, on a simulator.</summary>
    public SessionScheduler(Simulator simulator, Topology topology, LinkEngine engine = LinkEngine.AttemptSkipping)
    {
        _sim = simulator;
        Topology = topology;
        _router = new Router(topology);
        _engine = engine;
        _free = topology.Nodes.Values.ToDictionary(n => n.Id, n => n.Memory.Slots);
        _admission = new SessionAdmission(topology, _router, _free);
    }

    /// <summary>
    /// How many sessions with a final outcome (ended, refused, failed, cancelled) are kept for <see cref="Reports"/> and
    /// <see cref="ReportOf"/>; beyond it the oldest-finished are forgotten, with their runtimes, so a long-running
    /// service keeps flat memory (a caller that needs their history keeps it itself, as the control plane's store does).
    /// A forgotten id may be submitted again. Default 1,000; <see cref="int.MaxValue"/> keeps everything (scenario runs),
    /// including the paths a session stopped using on a reroute or restart (for <see cref="AllLinks"/>); with any other
    /// value a session keeps only those paths' loss counts. Set it before submitting sessions.
    /// </summary>
    public int RetainedEndedSessions
    {
        get => _retained;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(RetainedEndedSessions));
            _retained = value;
            Forget();
        }
    }

    private int _retained = 1000;

    /// <summary>How many sessions the scheduler currently remembers (pending, running and retained finished ones).</summary>
    public int KnownSessions => _submitted.Count;

    /// <summary>Path protocols held by known sessions, current and retired (a measure of memory; retired ones are held only when every ended session is kept).</summary>
    public int HeldPaths => _runtimes.Values.Concat(_ended.Values).Sum(r => r.Paths.Count + r.RetiredPathsHeld);

    /// <summary>Hears heralds, swaps, deliveries, losses and session changes (set before submitting sessions).</summary>
    public INetworkObserver? Observer { get; set; }

    /// <summary>Receives the key blocks of qkd sessions (BBM92 on delivered pairs), e.g. the key manager's adapter; set before submitting sessions.</summary>
    public QNet.Qkd.IQkdKeySink? QkdKeySink { get; set; }

    /// <summary>The topology (links can be marked down through <see cref="FailLink"/>).</summary>
    public Topology Topology { get; }

    /// <summary>Free memory slots per node.</summary>
    public IReadOnlyDictionary<string, int> FreeSlots => _free;

    /// <summary>Every link runtime of every running session.</summary>
    public IEnumerable<HeraldedLink> RunningLinks => _runtimes.Values.SelectMany(r => r.Paths).SelectMany(p => p.Links);

    /// <summary>Every link runtime any session ever ran (for link counters over a whole run).</summary>
    public IEnumerable<HeraldedLink> AllLinks => _runtimes.Values.Concat(_ended.Values).SelectMany(r => r.AllPaths).SelectMany(p => p.Links);

    /// <summary>Every path protocol of every running session.</summary>
    internal IEnumerable<PathProtocol> RunningPaths => _runtimes.Values.SelectMany(r => r.Paths);

    /// <summary>Queues a request; it is admitted (or refused) at its start time, or now if that has passed.</summary>
    public void Submit(SessionSpec spec)
    {
        if (!_indexById.TryAdd(spec.Id, _nextIndex))
        {
            throw new ArgumentException($"a session with id '{spec.Id}' already exists.", nameof(spec));
        }
        long index = _nextIndex++;
        _submitted[index] = spec;
        var at = SimTime.FromSeconds(spec.StartSeconds);
        _sim.ScheduleAt(at > _sim.Now ? at : _sim.Now, this, AdmitEvent, index, priority: -spec.Priority);
    }

    /// <inheritdoc />
    public void OnEvent(int kind, long argument)
    {
        if (!_submitted.TryGetValue(argument, out SessionSpec? spec))
        {
            return; // the session finished and was forgotten before this event came due
        }
        if (kind == AdmitEvent)
        {
            AdmitNow(spec);
        }
        else if (_runtimes.TryGetValue(spec.Id, out SessionRuntime? runtime))
        {
            End(runtime, timeUp: true);
        }
    }

    /// <summary>Decides on a request now and, if admitted, starts it.</summary>
    public AdmissionDecision AdmitNow(SessionSpec spec)
    {
        if (_indexById.TryAdd(spec.Id, _nextIndex))
        {
            _submitted[_nextIndex++] = spec; // admitted directly rather than through Submit: in the books all the same
        }
        AdmissionDecision decision = Decide(spec);
        if (!decision.Admitted)
        {
            _decided[spec.Id] = (SessionOutcome.Refused, decision.Reason);
            _refusedEstimates[spec.Id] = decision.ExpectedFidelity;
            Notify(spec, "refused");
            Finished(spec.Id);
            return decision;
        }
        // With every ended session kept (a finite scenario run), retired paths are kept too, for AllLinks.
        var runtime = new SessionRuntime(_sim, spec, r => End(r, timeUp: false), Observer, QkdKeySink, keepRetiredPaths: _retained == int.MaxValue)
        {
            AdmittedAt = _sim.Now.Picoseconds,
            ExpectedFidelity = decision.ExpectedFidelity,
            Memory = decision.Memory,
        };
        _runtimes[spec.Id] = runtime;
        StartOn(runtime, decision);
        if (spec.DurationSeconds is { } d)
        {
            long index = _indexById[spec.Id];
            _sim.Schedule(SimTime.FromSeconds(d), this, EndEvent, index);
        }
        Notify(spec, "admitted");
        return decision;
    }

    /// <summary>Ends a running session early; false if it is not running.</summary>
    public bool Cancel(string sessionId, string reason)
    {
        if (!_runtimes.TryGetValue(sessionId, out SessionRuntime? runtime))
        {
            return false;
        }
        if (!runtime.Active)
        {
            return false; // already stopped (its path failed with no other, or it was cancelled)
        }
        Release(runtime);
        runtime.Stop();
        runtime.EndedAt = _sim.Now.Picoseconds;
        _runtimes.Remove(sessionId);
        _ended[sessionId] = runtime;
        _decided[sessionId] = (SessionOutcome.Failed, reason);
        Notify(runtime.Spec, "cancelled");
        Finished(sessionId);
        return true;
    }

    /// <summary>A link failed: sessions using it move to another path, or fail when there is none.</summary>
    public void FailLink(string linkId)
    {
        Topology.MarkDown(linkId);
        Restart(r => r.Paths.Any(p => p.Path.LinkIds.Contains(linkId)), $"link {linkId} failed and no other path serves it", reroute: true);
    }

    /// <summary>A link's parameters changed: sessions on it restart with the new physics (or move, or fail).</summary>
    public void ApplyLinkChange(LinkSpec link)
    {
        Topology.ReplaceLink(link);
        Restart(r => r.Paths.Any(p => p.Path.LinkIds.Contains(link.Id)), $"link {link.Id} changed and it can no longer be served", reroute: false);
    }

    /// <summary>A node's parameters changed: sessions through it restart with the new memory and measurement.</summary>
    public void ApplyNodeChange(NodeSpec node)
    {
        int before = Topology.Nodes[node.Id].Memory.Slots;
        Topology.ReplaceNode(node);
        _free[node.Id] += node.Memory.Slots - before;
        Restart(r => r.Paths.Any(p => p.Path.Nodes.Contains(node.Id)), $"node {node.Id} changed and it can no longer be served", reroute: false);
    }

    // Sessions hit by a change stop and are decided again: they move (a reroute after a failure, a
    // restart after a change) or fail with the cause and the admission's reason.
    private void Restart(Func<SessionRuntime, bool> affected, string failure, bool reroute)
    {
        foreach (SessionRuntime runtime in _runtimes.Values.Where(r => r.Active && affected(r)).ToArray())
        {
            Release(runtime);
            runtime.Stop();
            AdmissionDecision again = Decide(runtime.Spec);
            if (again.Admitted)
            {
                runtime.Reroutes += reroute ? 1 : 0;
                runtime.Memory = again.Memory;
                runtime.ExpectedFidelity = again.ExpectedFidelity;
                StartOn(runtime, again);
                Notify(runtime.Spec, reroute ? "rerouted" : "restarted");
            }
            else
            {
                runtime.EndedAt = _sim.Now.Picoseconds;
                _decided[runtime.Spec.Id] = (SessionOutcome.Failed, $"{failure}: {again.Reason}");
                Notify(runtime.Spec, "failed");
                Finished(runtime.Spec.Id);
            }
        }
    }

    /// <summary>A failed link works again; new and rerouted sessions may use it.</summary>
    public void RestoreLink(string linkId) => Topology.MarkUp(linkId);

    /// <summary>Every submitted session's report as of now.</summary>
    /// <remarks>Sessions forgotten under <see cref="RetainedEndedSessions"/> are not listed; the rest are in submission order.</remarks>
    public IReadOnlyList<SessionReport> Reports() => _submitted.OrderBy(kv => kv.Key).Select(kv => Report(kv.Value)).ToArray();

    /// <summary>One session's report, or null for an unknown or forgotten id (a lookup, not a scan).</summary>
    public SessionReport? ReportOf(string sessionId) => _indexById.TryGetValue(sessionId, out long i) ? Report(_submitted[i]) : null;

    private AdmissionDecision Decide(SessionSpec spec) => _admission.Decide(spec);

    private void StartOn(SessionRuntime runtime, AdmissionDecision decision)
    {
        var reserved = new Dictionary<string, int>();
        var protocols = new List<PathProtocol>();
        int index = 0;
        foreach (RoutePath route in decision.Paths)
        {
            PathMemory memory = decision.Memory!;
            for (int i = 0; i < route.Nodes.Count; i++)
            {
                int need = i == 0 || i == route.Nodes.Count - 1 ? memory.EndSlots : 2 * memory.RepeaterSlotsPerSide;
                reserved[route.Nodes[i]] = reserved.GetValueOrDefault(route.Nodes[i]) + need;
                _free[route.Nodes[i]] -= need;
            }
            string key = $"session:{runtime.Spec.Id}:{runtime.Starts}:{index++}";
            SimTime? cutoff = runtime.Spec.CutoffSeconds is { } c ? SimTime.FromSeconds(c) : null;
            protocols.Add(new PathProtocol(_sim, key, PathEstimates.Define(Topology, route), memory,
                PathEstimates.IsNested(Topology, route), cutoff, _engine, runtime, Observer, runtime.Spec.Id,
                runtime.Spec.Purification is { Scope: PurificationScope.Link } linkScope ? linkScope : null));
        }
        _reserved[runtime] = reserved;
        runtime.Starts++;
        runtime.Start(protocols);
    }

    private void End(SessionRuntime runtime, bool timeUp)
    {
        if (!runtime.Active)
        {
            return;
        }
        Release(runtime);
        runtime.Stop();
        runtime.EndedAt = _sim.Now.Picoseconds;
        _runtimes.Remove(runtime.Spec.Id);
        _ended[runtime.Spec.Id] = runtime;
        _decided[runtime.Spec.Id] = Judge(runtime, timeUp ? "its time was up" : null);
        Notify(runtime.Spec, "ended");
        Finished(runtime.Spec.Id);
    }

    // A session reached its final outcome: it joins the retained ones, and the oldest beyond the limit are dropped.
    private void Finished(string id)
    {
        _finished.Enqueue((_indexById[id], id));
        Forget();
    }

    private void Forget()
    {
        while (_finished.Count > _retained)
        {
            (long index, string id) = _finished.Dequeue();
            if (_runtimes.TryGetValue(id, out SessionRuntime? live) && live.Active)
            {
                continue; // admitted again directly after its refusal: it is running, not finished
            }
            _submitted.Remove(index);
            _indexById.Remove(id);
            _runtimes.Remove(id); // a session that failed on a link fault stays listed there, stopped
            _ended.Remove(id);
            _decided.Remove(id);
            _refusedEstimates.Remove(id);
        }
    }

    private void Notify(SessionSpec spec, string change) => Observer?.SessionChanged(Report(spec), change);

    private readonly Dictionary<string, SessionRuntime> _ended = [];
    private readonly Dictionary<string, double> _refusedEstimates = [];

    private void Release(SessionRuntime runtime)
    {
        if (_reserved.Remove(runtime, out var reserved))
        {
            foreach (var (node, slots) in reserved)
            {
                _free[node] += slots;
            }
        }
    }

    private static (SessionOutcome, string?) Judge(SessionRuntime r, string? when)
    {
        SessionSpec spec = r.Spec;
        long delivered = r.Delivered.Count;
        if (spec.Pairs is { } wanted)
        {
            return delivered >= wanted
                ? (SessionOutcome.Completed, null)
                : (SessionOutcome.Failed, $"delivered {delivered} of {wanted} pairs before {when ?? "it ended"}{LossNote(r)}");
        }
        double served = ((r.EndedAt ?? r.AdmittedAt) - r.AdmittedAt) / 1e12;
        if (spec.RateHz is { } rate && served > 0 && delivered / served < rate)
        {
            return (SessionOutcome.Failed, $"delivered {delivered / served:G4} pairs/s, below the requested {rate:G4}{LossNote(r)}");
        }
        if (delivered == 0)
        {
            return (SessionOutcome.Failed, $"no pair reached the fidelity target {spec.MinFidelity:G4}{LossNote(r)}");
        }
        return (SessionOutcome.Completed, null);
    }

    private static string LossNote(SessionRuntime r)
    {
        var lost = r.Failures().Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {kv.Key}").ToArray();
        return lost.Length == 0 ? "" : $" (lost: {string.Join(", ", lost)})";
    }

    private SessionReport Report(SessionSpec spec)
    {
        SessionRuntime? runtime = _runtimes.GetValueOrDefault(spec.Id) ?? _ended.GetValueOrDefault(spec.Id);
        (SessionOutcome outcome, string? reason) = _decided.TryGetValue(spec.Id, out var d) ? d
            : runtime is null ? (SessionOutcome.Pending, null)
            : (SessionOutcome.Running, null);
        if (outcome == SessionOutcome.Running && runtime is { Delivered.Count: 0 } && runtime.Failures()["below-fidelity"] > 0)
        {
            (outcome, reason) = (SessionOutcome.Failed, $"no pair reached the fidelity target {spec.MinFidelity:G4} so far{LossNote(runtime)}");
        }
        string app = spec.Application.ToString().ToLowerInvariant();
        if (runtime is null)
        {
            return new SessionReport(spec.Id, spec.Source, spec.Destination, app, outcome, reason, [], 0, 0, 0, 0,
                double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, new Dictionary<string, long>(), double.NaN,
                _refusedEstimates.GetValueOrDefault(spec.Id, double.NaN), 0);
        }
        long end = runtime.EndedAt ?? _sim.Now.Picoseconds;
        double served = (end - runtime.AdmittedAt) / 1e12;
        FidelityHistogram h = runtime.Delivered;
        return new SessionReport(spec.Id, spec.Source, spec.Destination, app, outcome, reason,
            runtime.LastPath, runtime.Memory?.EndSlots ?? 0, runtime.Memory?.RepeaterSlotsPerSide ?? 0, h.Count, served > 0 ? h.Count / served : double.NaN,
            h.Mean, h.Quantile(0.1), h.Quantile(0.5), h.Quantile(0.9),
            runtime.FirstPairAt is { } first ? (first - runtime.AdmittedAt) / 1e12 : double.NaN,
            runtime.Failures(), runtime.ApplicationFidelity, runtime.ExpectedFidelity, runtime.Reroutes, runtime.Qkd?.Figures(served));
    }
}
