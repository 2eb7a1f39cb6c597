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
/// is admitted first. Each session's request, decision, reservation, counters and lifecycle live in
/// its one <see cref="Session"/>.
/// </summary>
public sealed partial class SessionScheduler : IEventHandler
{
    private const int AdmitEvent = 0;
    private const int EndEvent = 1;
    private const int RetryEvent = 2;

    private readonly Simulator _sim;
    private readonly Router _router;
    private readonly LinkEngine _engine;
    private readonly Dictionary<string, int> _free;
    private readonly SessionAdmission _admission;
    private readonly SharedChannels _channels;
    // One entry per session (a Session holds all of it), found by id and by submission number. The number only grows,
    // so a pending admit/end event (whose argument it is) stays valid after older sessions are forgotten, and a
    // forgotten id submitted again gets a new one.
    private readonly Dictionary<string, Session> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Session> _byIndex = [];
    // The same sessions by phase, in the order link counters are summed over (AllLinks): admitted and not ended
    // (a session that failed on a link fault stays here, stopped), then ended or cancelled. Final ones queue to be forgotten.
    private readonly Dictionary<string, Session> _admitted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Session> _ended = new(StringComparer.Ordinal);
    private readonly Queue<Session> _finished = new();
    private long _nextIndex;

    /// <summary>Creates a scheduler over a topology, on a simulator.</summary>
    public SessionScheduler(Simulator simulator, Topology topology, LinkEngine engine = LinkEngine.AttemptSkipping)
    {
        _sim = simulator;
        Topology = topology;
        _router = new Router(topology);
        _engine = engine;
        _free = topology.Nodes.Values.ToDictionary(n => n.Id, n => n.Memory.Slots);
        _admission = new SessionAdmission(topology, _router, _free);
        _channels = new SharedChannels(topology);
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
    public int KnownSessions => _byId.Count;

    /// <summary>Path protocols held by known sessions, current and retired (a measure of memory; retired ones are held only when every ended session is kept).</summary>
    public int HeldPaths => Runtimes.Sum(r => r.Paths.Count + r.RetiredPathsHeld);

    /// <summary>Hears heralds, swaps, deliveries, losses and session changes (set before submitting sessions).</summary>
    public INetworkObserver? Observer { get; set; }

    /// <summary>Receives the key blocks of qkd sessions (BBM92 on delivered pairs), e.g. the key manager's adapter; set before submitting sessions.</summary>
    public QNet.Qkd.IQkdKeySink? QkdKeySink { get; set; }

    /// <summary>The topology (links can be marked down through <see cref="FailLink"/>).</summary>
    public Topology Topology { get; }

    /// <summary>Free memory slots per node.</summary>
    public IReadOnlyDictionary<string, int> FreeSlots => _free;

    /// <summary>Every link runtime of every running session.</summary>
    public IEnumerable<HeraldedLink> RunningLinks => RunningPaths.SelectMany(p => p.Links);

    /// <summary>Every link runtime any session ever ran (for link counters over a whole run).</summary>
    public IEnumerable<HeraldedLink> AllLinks => Runtimes.SelectMany(r => r.AllPaths).SelectMany(p => p.Links);

    /// <summary>Every path protocol of every running session.</summary>
    internal IEnumerable<PathProtocol> RunningPaths => _admitted.Values.SelectMany(s => s.Runtime!.Paths);

    // Runtimes of admitted sessions, then of ended ones.
    private IEnumerable<SessionRuntime> Runtimes => _admitted.Values.Concat(_ended.Values).Select(s => s.Runtime!);

    /// <summary>Queues a request; it is admitted (or refused) at its start time, or now if that has passed.</summary>
    public void Submit(SessionSpec spec)
    {
        if (_byId.ContainsKey(spec.Id))
        {
            throw new ArgumentException($"a session with id '{spec.Id}' already exists.", nameof(spec));
        }
        var session = new Session(spec, _nextIndex++);
        _byId[spec.Id] = session;
        _byIndex[session.Index] = session;
        _sim.ScheduleAt(_sim.StartAt(spec.StartSeconds), this, AdmitEvent, session.Index, priority: -spec.Priority);
    }

    /// <inheritdoc />
    public void OnEvent(int kind, long argument)
    {
        if (!_byIndex.TryGetValue(argument, out Session? session))
        {
            return; // the session finished and was forgotten before this event came due
        }
        if (kind == AdmitEvent)
        {
            Admit(session);
        }
        else if (kind == RetryEvent)
        {
            TryReadmit(session);
        }
        else if (kind == RequestMetEvent)
        {
            End(session, timeUp: false);
        }
        else if (_admitted.ContainsKey(session.Id))
        {
            End(session, timeUp: true);
        }
    }

    // Decides on a request now and, if admitted, starts it.
    private void Admit(Session session)
    {
        SessionSpec spec = session.Request;
        AdmissionDecision decision = _admission.Decide(spec);
        if (!decision.Admitted)
        {
            session.Refuse(decision);
            Notify(session, SessionChange.Refused);
            Finished(session);
            return;
        }
        // With every ended session kept (a finite scenario run), retired paths are kept too, for AllLinks.
        Simulator sim = SimulatorFor(session);
        var runtime = new SessionRuntime(sim, spec, _ => RequestMet(session), session.Partition?.Observer ?? Observer, QkdKeySink,
            keepRetiredPaths: _retained == int.MaxValue, server: ComputeServerOf(spec.Destination));
        session.Admit(decision, runtime, _sim.Now.Picoseconds);
        _admitted[spec.Id] = session;
        StartOn(session, decision);
        if (spec.DurationSeconds is { } d && d < (SimTime.Horizon - _sim.Now).Seconds) // an end due past the clock's end never comes
        {
            _sim.Schedule(SimTime.FromSeconds(d), this, EndEvent, session.Index);
        }
        Notify(session, SessionChange.Admitted);
    }

    /// <summary>Ends a running session early, as cancelled with <paramref name="reason"/>; false if it is not running.</summary>
    public bool Cancel(string sessionId, string reason)
    {
        if (!_admitted.TryGetValue(sessionId, out Session? session) || !(session.Serving || session.Suspended))
        {
            return false; // not admitted, or already stopped for good
        }
        session.GiveUp();
        Stop(session);
        session.Finish(SessionOutcome.Cancelled, reason);
        Notify(session, SessionChange.Cancelled);
        Finished(session);
        return true;
    }

    /// <summary>A link failed: sessions using it move to another path, or fail when there is none.</summary>
    public void FailLink(string linkId)
    {
        Topology.MarkDown(linkId);
        Restart(r => r.Paths.Any(p => p.Path.LinkIds.Contains(linkId)), $"link {linkId} failed and no other path serves it", reroute: true);
    }

    /// <summary>
    /// A link's parameters changed: sessions on it restart with the new physics (or move, or fail). A session whose path
    /// still works but no longer reaches its fidelity target keeps serving, degraded (<see cref="SessionOutcome.Degraded"/>).
    /// </summary>
    public void ApplyLinkChange(LinkSpec link)
    {
        Topology.ReplaceLink(link);
        Restart(r => r.Paths.Any(p => p.Path.LinkIds.Contains(link.Id)), $"link {link.Id} changed and it can no longer be served", reroute: false);
        RetrySuspendedNow();
    }

    /// <summary>A node's parameters changed: sessions through it restart with the new memory and measurement (degraded as for a link change).</summary>
    public void ApplyNodeChange(NodeSpec node)
    {
        int before = Topology.Nodes[node.Id].Memory.Slots;
        Topology.ReplaceNode(node);
        _free[node.Id] += node.Memory.Slots - before;
        Restart(r => r.Paths.Any(p => p.Path.Nodes.Contains(node.Id)), $"node {node.Id} changed and it can no longer be served", reroute: false);
        RetrySuspendedNow();
    }

    // Sessions hit by a change stop and are decided again: they move (a reroute after a failure, a
    // restart after a change) or fail with the cause and the admission's reason. After a change (not a failure), an
    // admitted session whose path works but falls short of its fidelity target is not failed: it restarts on the path
    // it would be given anyway and serves on, degraded, its pairs below the target counted missed (the fidelity SLI).
    private void Restart(Func<SessionRuntime, bool> affected, string failure, bool reroute)
    {
        foreach (Session session in _admitted.Values.Where(s => s.Serving && affected(s.Runtime!)).ToArray())
        {
            session.Release(_free);
            session.Runtime!.Stop();
            AdmissionDecision again = _admission.Decide(session.Request);
            if (again.Admitted)
            {
                session.Readmit(again, reroute);
                StartOn(session, again);
                Notify(session, reroute ? SessionChange.Rerouted : SessionChange.Restarted);
            }
            else if (!reroute && _admission.Decide(session.Request, belowTarget: true) is { Admitted: true } degraded)
            {
                session.Degrade(degraded, reroute: false, again.Reason ?? "its path no longer reaches its fidelity target");
                StartOn(session, degraded);
                Notify(session, SessionChange.Degraded);
            }
            else
            {
                Suspend(session, $"{failure}: {again.Reason}");
            }
        }
    }

    /// <summary>A failed link works again; new and rerouted sessions may use it.</summary>
    public void RestoreLink(string linkId)
    {
        Topology.MarkUp(linkId);
        RetrySuspendedNow();
    }

    /// <summary>Every submitted session's report as of now.</summary>
    /// <remarks>Sessions forgotten under <see cref="RetainedEndedSessions"/> are not listed; the rest are in submission order.</remarks>
    public IReadOnlyList<SessionReport> Reports() => _byIndex.OrderBy(kv => kv.Key).Select(kv => kv.Value.Report(_sim.Now.Picoseconds)).ToArray();

    /// <summary>One session's report, or null for an unknown or forgotten id (a lookup, not a scan).</summary>
    public SessionReport? ReportOf(string sessionId) => _byId.TryGetValue(sessionId, out Session? s) ? s.Report(_sim.Now.Picoseconds) : null;

    /// <summary>
    /// A session's application figures so far without building its report (cheap enough to read after every step): the
    /// mean teleported-state, GHZ or compute-task fidelity (NaN without uses) and the uses; null when unknown or not started.
    /// </summary>
    public (double Fidelity, long Uses)? ApplicationFiguresOf(string sessionId) =>
        _byId.TryGetValue(sessionId, out Session? s) && s.Runtime is { } r ? (r.ApplicationFidelity, r.ApplicationUses) : null;
    /// <summary>Pairs a session holds in memories now, over all its paths (0 for an unknown, ended or forgotten one).</summary>
    public long PairsHeldBy(string sessionId) =>
        _byId.TryGetValue(sessionId, out Session? s) && s.Runtime is { } runtime ? runtime.AllPaths.Sum(p => (long)p.PairsHeld) : 0;

    private void StartOn(Session session, AdmissionDecision decision)
    {
        var protocols = new List<PathProtocol>();
        Simulator sim = session.Partition?.Simulator ?? _sim;
        if (sim.Now != _sim.Now)
        {
            throw new InvalidOperationException($"session {session.Id}: its partition is at {sim.Now}, the network at {_sim.Now}.");
        }
        int start = session.NextStart();
        int index = 0;
        SessionSpec spec = session.Request;
        foreach (RoutePath route in decision.Paths)
        {
            PathMemory memory = decision.Memory!;
            for (int i = 0; i < route.Nodes.Count; i++)
            {
                int need = i == 0 || i == route.Nodes.Count - 1 ? memory.EndSlots : 2 * memory.RepeaterSlotsPerSide;
                session.Reserve(route.Nodes[i], need);
                _free[route.Nodes[i]] -= need;
            }
            string key = $"session:{spec.Id}:{start}:{index++}";
            SimTime? cutoff = spec.CutoffSeconds is { } c ? SimTime.FromSeconds(c) : null;
            protocols.Add(new PathProtocol(sim, key, PathEstimates.Define(Topology, route), memory,
                PathEstimates.IsNested(Topology, route), cutoff, _engine, session.Runtime!, session.Partition?.Observer ?? Observer, spec.Id,
                spec.Purification is { Scope: PurificationScope.Link } linkScope ? linkScope : null, _channels.For(route, spec)));
        }
        session.Runtime!.Start(protocols);
    }

    // Releases its memory and stops its paths; it moves from the admitted to the ended sessions.
    private void Stop(Session session)
    {
        session.Release(_free);
        session.Runtime!.Stop();
        session.Stopped(_sim.Now.Picoseconds);
        _admitted.Remove(session.Id);
        _ended[session.Id] = session;
    }

    private void End(Session session, bool timeUp)
    {
        if (session.Suspended)
        {
            GiveUp(session);
            return;
        }
        if (!session.Serving)
        {
            return;
        }
        Stop(session);
        var (status, reason) = session.Judge(timeUp ? "its time was up" : null);
        session.Finish(status, reason);
        Notify(session, SessionChange.Ended);
        Finished(session);
    }

    // A session reached its final outcome: it joins the retained ones, and the oldest beyond the limit are dropped.
    private void Finished(Session session)
    {
        session.Partition?.Retired = true;
        _finished.Enqueue(session);
        Forget();
    }

    private void Forget()
    {
        while (_finished.Count > _retained)
        {
            Session oldest = _finished.Dequeue();
            _byIndex.Remove(oldest.Index);
            _byId.Remove(oldest.Id);
            _admitted.Remove(oldest.Id); // a session that failed on a link fault stays listed there, stopped
            _ended.Remove(oldest.Id);
        }
    }

    private void Notify(Session session, SessionChange change) => Observer?.SessionChanged(session.Report(_sim.Now.Picoseconds), change);
}
