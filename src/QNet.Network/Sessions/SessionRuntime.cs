using QNet.Kernel;
using QNet.Network.Applications;
using QNet.Network.Entanglement;
using QNet.Network.Qkd;
using QNet.Network.Scenarios;
using QNet.Physics.Compute;
using QNet.Physics.Hardware;
using QNet.Physics.States;
using QNet.Qkd;

namespace QNet.Network.Sessions;

/// <summary>
/// The serving part of an admitted <see cref="Session"/>: its path protocol(s), optional end-to-end purification,
/// the fidelity gate (a pair below the session's minimum fidelity is discarded, never served) and the
/// application that consumes pairs. Counts what it delivered and what it lost, and why.
/// </summary>
internal sealed class SessionRuntime : IEndToEndConsumer
{
    private readonly Simulator _sim;
    private readonly RandomStream _random;
    private readonly Action<SessionRuntime> _onRequestMet;
    private readonly Dictionary<PathProtocol, Queue<(long Handle, BellDiagonalState State, long Time)>> _ghzWaiting = [];
    // Paths this session stopped using (reroutes, restarts). A long-running service drops them and keeps only
    // their loss counts; a finite scenario run keeps them so its link counters cover every path (AllLinks).
    private readonly List<PathProtocol> _retired = [];
    private readonly bool _keepRetired;
    private long _retiredSwapFailed;
    private long _retiredCutoff;
    private long _retiredPurificationFailures;
    private PurificationBuffer? _purifier;
    private bool _halted; // its request was met in a partition: stopped in effect until the scheduler stops it
    private double _applicationFidelitySum;
    private long _applicationCount;
    private long _belowTarget;
    private long _purificationFailures;
    private long _lastDelivery; // ps: the previous delivered pair, or admission
    private readonly ComputeServer? _server;
    private (BellDiagonalState State, long Time)? _inbound; // teleport-gate: the pair that teleported a task's qubit in, until the pair to send it back

    public SessionRuntime(Simulator simulator, SessionSpec spec, Action<SessionRuntime> onRequestMet, INetworkObserver? observer = null, IQkdKeySink? keySink = null,
        bool keepRetiredPaths = true, ComputeServer? server = null)
    {
        _server = server;
        _keepRetired = keepRetiredPaths;
        Observer = observer;
        _sim = simulator;
        Spec = spec;
        _random = simulator.StreamFor("session:" + spec.Id + ":application");
        _onRequestMet = onRequestMet;
        _lastDelivery = simulator.Now.Picoseconds;
        if (spec.Application == SessionApplication.Qkd)
        {
            Qkd = new QkdSessionApplication(spec, _random, () => _sim.Now, keySink);
        }
    }

    /// <summary>BBM92 on the delivered pairs of a qkd session; null for other applications.</summary>
    public QkdSessionApplication? Qkd { get; }

    public SessionSpec Spec { get; private set; }

    /// <summary>Pairs delivered end to end below the session's fidelity target so far.</summary>
    public long BelowTarget => _belowTarget;

    /// <summary>The request changed while stopped (purification, cutoff); the next <see cref="Start"/> runs on it.</summary>
    public void Revise(SessionSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(spec.Id, Spec.Id, nameof(spec));
        Spec = spec;
    }

    public INetworkObserver? Observer { get; }

    public List<PathProtocol> Paths { get; } = [];

    /// <summary>When the first pair was delivered, in simulated picoseconds (null before).</summary>
    public long? FirstPairAt { get; private set; }

    public FidelityHistogram Delivered { get; } = new();

    /// <summary>Waiting time to each delivered pair: from the previous one, the first from admission.</summary>
    public WaitingTimeHistogram Waiting { get; } = new();

    public bool Active { get; private set; }

    /// <summary>Nodes of the path(s) last served on (for GHZ, the hub's paths joined).</summary>
    public IReadOnlyList<string> LastPath { get; private set; } = [];

    /// <summary>Starts serving on the given paths (one, or one per GHZ party).</summary>
    public void Start(IEnumerable<PathProtocol> paths)
    {
        _halted = false;
        Paths.AddRange(paths);
        LastPath = Paths.Count == 1 ? Paths[0].Path.Nodes : Paths.SelectMany(p => p.Path.Nodes).Distinct().ToArray();
        if (Spec.Purification is { Scope: PurificationScope.EndToEnd } purification && Paths.Count == 1)
        {
            PathProtocol path = Paths[0];
            _purifier = new PurificationBuffer(_sim, "session:" + Spec.Id, purification, path.Path.Memories[0], path.Path.Memories[^1],
                path.EndToEndDelay, (handle, state, _) => Accept(path, handle, state), path.Release,
                () => Observer?.PairLost(Spec.Id, LossReason.PurificationFailed));
        }
        foreach (PathProtocol p in Paths)
        {
            _ghzWaiting[p] = new Queue<(long, BellDiagonalState, long)>();
            p.Start();
        }
        Active = true;
    }

    /// <summary>Stops every path (the session ended, or its path failed before a reroute).</summary>
    public void Stop()
    {
        foreach (PathProtocol p in Paths)
        {
            p.Stop();
            p.Finish();
            _retiredSwapFailed += p.Statistics.SwapAttempts - p.Statistics.SwapSuccesses;
            _retiredCutoff += p.Statistics.CutoffDiscards;
            _retiredPurificationFailures += p.Statistics.PurificationFailures;
            if (_keepRetired)
            {
                _retired.Add(p);
            }
        }
        if (_purifier is not null)
        {
            _purificationFailures += _purifier.Failures;
            _purifier = null;
        }
        Paths.Clear();
        _ghzWaiting.Clear();
        Active = false;
    }

    /// <summary>
    /// Its request was met in a partition: its paths stop now and it takes no more pairs, as if stopped; the scheduler
    /// stops it (releasing its memory) when the shared simulator reaches this time.
    /// </summary>
    public void Halt()
    {
        foreach (PathProtocol p in Paths)
        {
            p.Stop();
        }
        _halted = true;
    }

    /// <inheritdoc />
    public void OnEndToEnd(PathProtocol path, long handle, BellDiagonalState state, long bornPicoseconds)
    {
        if (!Active || _halted)
        {
            return;
        }
        if (Spec.Application == SessionApplication.Ghz)
        {
            OfferGhz(path, handle, state);
        }
        else if (_purifier is not null)
        {
            _purifier.Offer(handle, state, bornPicoseconds);
        }
        else
        {
            Accept(path, handle, state);
        }
    }

    /// <summary>Every path protocol this session ran, current and retired (retired ones only when they are kept).</summary>
    public IEnumerable<PathProtocol> AllPaths => Paths.Concat(_retired);

    /// <summary>Retired path protocols held in memory (0 unless they are kept).</summary>
    public int RetiredPathsHeld => _retired.Count;

    /// <summary>Pairs lost, by reason, over every path this session used.</summary>
    public IReadOnlyDictionary<LossReason, long> Failures()
    {
        long swapFailed = _retiredSwapFailed + Paths.Sum(p => p.Statistics.SwapAttempts - p.Statistics.SwapSuccesses);
        long cutoff = _retiredCutoff + Paths.Sum(p => p.Statistics.CutoffDiscards);
        return new SortedDictionary<LossReason, long>
        {
            [LossReason.BelowFidelity] = _belowTarget,
            [LossReason.Cutoff] = cutoff,
            [LossReason.SwapFailed] = swapFailed,
            [LossReason.PurificationFailed] = _purificationFailures + (_purifier?.Failures ?? 0) + _retiredPurificationFailures + Paths.Sum(p => p.Statistics.PurificationFailures),
        };
    }

    /// <summary>Uses of the application so far: teleported states, GHZ states, or compute tasks.</summary>
    public long ApplicationUses => _applicationCount;

    /// <summary>Teleported-state or GHZ fidelity, or a compute task's entanglement fidelity, averaged over the application's uses (NaN if none).</summary>
    public double ApplicationFidelity => _applicationCount == 0 ? double.NaN : _applicationFidelitySum / _applicationCount;

    private void Accept(PathProtocol path, long handle, BellDiagonalState state)
    {
        if (state.Fidelity < Spec.MinFidelity)
        {
            _belowTarget++;
            Observer?.PairLost(Spec.Id, LossReason.BelowFidelity);
            path.Release(handle);
            return;
        }
        Record(state.Fidelity);
        if (Spec.Application == SessionApplication.Teleport)
        {
            _applicationFidelitySum += Teleportation.TeleportRandomState(state, _random);
            _applicationCount++;
        }
        else if (Spec.Compute is { } compute)
        {
            Offload(compute, state);
        }
        Qkd?.Accept(state);
        path.Release(handle);
        CheckRequest();
    }

    // The hub (source) fuses once it holds a pair with every party; corrections reach the parties one
    // path delay later, and the parties' halves decohere meanwhile.
    private void OfferGhz(PathProtocol path, long handle, BellDiagonalState state)
    {
        _ghzWaiting[path].Enqueue((handle, state, _sim.Now.Picoseconds));
        if (_ghzWaiting.Values.Any(q => q.Count == 0))
        {
            return;
        }
        long now = _sim.Now.Picoseconds;
        long wait = Paths.Max(p => p.EndToEndDelay.Picoseconds);
        var states = new List<BellDiagonalState>(Paths.Count);
        foreach (PathProtocol p in Paths)
        {
            var (l, s, t) = _ghzWaiting[p].Dequeue();
            double seconds = (now + wait - t) / 1e12;
            var far = p.Path.Memories[^1];
            var hub = p.Path.Memories[0];
            states.Add(s.Decohere(seconds, far.T1Seconds, far.T2Seconds).Decohere((now - t) / 1e12, hub.T1Seconds, hub.T2Seconds));
            p.Release(l);
        }
        double fidelity = GhzFusion.Fidelity(states);
        if (fidelity < Spec.MinFidelity)
        {
            _belowTarget++;
            Observer?.PairLost(Spec.Id, LossReason.BelowFidelity);
            return;
        }
        Record(fidelity);
        _applicationFidelitySum += fidelity;
        _applicationCount++;
        CheckRequest();
    }

    // One task per pair (remote CNOT) or per two pairs (teleport in, gate, teleport out), run on the destination's processor
    // (ComputeServer: it takes the circuit's time and may make the task wait, the server's pair halves decohering meanwhile).
    // The task's figure is its entanglement fidelity (ComputeOffload), counted when the circuit ends.
    private void Offload(ComputeSpec compute, BellDiagonalState state)
    {
        ComputeServer server = _server ?? throw new InvalidOperationException($"session '{Spec.Id}': a compute session needs its destination's processor.");
        long now = _sim.Now.Picoseconds;
        QuantumProcessor processor = server.Processor;
        if (compute.Circuit == ComputeCircuit.RemoteCnot)
        {
            server.Submit(new ComputeTask(ComputeOffload.RemoteCnotSeconds(processor),
                s => ComputeOffload.RemoteCnot(s.Waited(state, now), processor), CountTask));
        }
        else if (_inbound is { } inbound)
        {
            ServerGate gate = compute.Gate;
            server.Submit(new ComputeTask(ComputeOffload.TeleportGateSeconds(processor),
                s => ComputeOffload.TeleportGate(s.Waited(inbound.State, inbound.Time), gate, s.Waited(state, now), processor), CountTask));
            _inbound = null;
        }
        else
        {
            _inbound = (state, now);
        }
    }

    private void CountTask(double fidelity)
    {
        _applicationFidelitySum += fidelity;
        _applicationCount++;
    }

    private void Record(double fidelity)
    {
        Delivered.Add(fidelity);
        long now = _sim.Now.Picoseconds;
        Waiting.Add((now - _lastDelivery) / (double)SimTime.PicosecondsPerSecond);
        _lastDelivery = now;
        FirstPairAt ??= _sim.Now.Picoseconds;
        Observer?.PairDelivered(Spec.Id, fidelity);
    }

    private void CheckRequest()
    {
        if (Spec.Pairs is { } wanted && Delivered.Count >= wanted)
        {
            _onRequestMet(this);
        }
    }
}
