using System.Runtime.CompilerServices;
using QNet.Kernel;
using QNet.Physics.Hardware;
using QNet.Physics.States;

namespace QNet.Network.Links;

/// <summary>
/// The runtime of one link: a number of independent channels (memory-slot pairs, i.e. multiplexing),
/// each repeating heralded attempts while it is free. A heralded pair occupies its channel until the
/// sink consumes it. With <see cref="ShareChannels"/> a slot pair also needs one of the link's shared
/// generation channels for each run of attempts (the link's attempt capacity, shared with other sessions). Memory decoherence during the herald wait is part of the delivered state.
/// </summary>
public sealed class HeraldedLink : IEventHandler
{
    private const int AttemptOutcomeEvent = 0;
    private const int HeraldEvent = 1;

    private readonly Simulator _sim;
    // The link's two random streams, detached into the link object (no stream objects to fetch); never readonly, the
    // draws advance them in place.
    private RandomState _random;
    private RandomState _origin;              // dark-count or photon herald: its own stream, so the attempt draws stay as they were
    private readonly ILinkPairSink _sink;
    private ChannelState _first;              // channel 0 inside the link object: a one-channel link's herald reads no array
    private readonly ChannelState[]? _more;   // channels 1.., null for one channel
    // What a herald reads of the physics, copied out of the record (retuning copies again), so a long chain's herald
    // touches the link object and its channel entry rather than four more objects.
    private BellDiagonalState _deliveredState;
    private double _successProbability;
    private double _logFailure;               // log(1 − p): the geometric draw's divisor, computed once
    private double _trueHeraldFraction;
    private double _latencySeconds;
    private long _cycle;
    private long _latency;
    private readonly SimTime _processingDelay; // kept when the link is retuned
    private readonly int _priority;   // orders this link's events among others at the same time
    private LinkChannelPool.Claim? _claim;    // shared channels: null when every slot pair is its own channel
    private int[]? _grant;                    // shared channels: the pool channel each slot attempts on, −1 for none
    private bool _started;
    private bool _stopped;

    // Counters behind Statistics, kept in the link object for the same reason.
    internal long AttemptCount;
    internal long PairCount;
    internal long DarkCountHeraldCount;
    internal double FidelitySum;
    internal double HeraldingLatencySumSeconds;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ChannelState StateOf(int channel) => ref channel == 0 ? ref _first : ref _more![channel - 1];

    private struct ChannelState
    {
        public long NextStart;       // earliest start of the channel's next attempt
        public long ChainStart;      // skipping: when the current run of attempts began
        public long PendingAttempts; // skipping: attempts in the current run, the last one succeeds
        public bool Busy;            // holding a pair or waiting for an outcome
        public bool Holding;         // holding a pair
    }

    /// <summary>Creates a link; call <see cref="Start"/> to begin attempts.</summary>
    /// <param name="eventPriority">Orders this link's events among events at the same time (lower first).</param>
    /// <param name="streamKey">Names its random stream; defaults to <c>link:ID</c>. Two runtimes of one link need distinct keys.</param>
    /// <param name="processingDelay">Time the slower of the two end nodes takes to act on a herald result (F4); none by default.</param>
    public HeraldedLink(Simulator simulator, string id, ILinkModel model, QuantumMemory memoryA, QuantumMemory memoryB,
        int channels, LinkEngine engine, ILinkPairSink sink, int eventPriority = 0, string? streamKey = null, SimTime processingDelay = default)
    {
        _priority = eventPriority;
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        _sim = simulator;
        Id = id;
        Model = model;
        Physics = model.Derive().WithProcessingDelay(processingDelay);
        _processingDelay = processingDelay;
        MemoryA = memoryA;
        MemoryB = memoryB;
        Channels = channels;
        Engine = engine;
        _sink = sink;
        _random = simulator.StreamFor(streamKey ?? "link:" + id).Detach();
        _origin = simulator.StreamFor((streamKey ?? "link:" + id) + ":dark").Detach();
        _more = channels > 1 ? new ChannelState[channels - 1] : null;
        Statistics = new LinkStatistics(this);
        Tune(Physics, memoryA, memoryB);
    }

    /// <summary>The link's id.</summary>
    public string Id { get; }

    /// <summary>The heralding scheme and its parameters.</summary>
    public ILinkModel Model { get; private set; }

    /// <summary>The derived per-attempt physics.</summary>
    public LinkPhysics Physics { get; private set; }

    /// <summary>Memory at node A.</summary>
    public QuantumMemory MemoryA { get; private set; }

    /// <summary>Memory at node B.</summary>
    public QuantumMemory MemoryB { get; private set; }

    /// <summary>Parallel channels (memory-slot pairs).</summary>
    public int Channels { get; }

    /// <summary>The attempt engine.</summary>
    public LinkEngine Engine { get; }

    /// <summary>The state every herald delivers, memory decoherence during the herald wait included.</summary>
    public BellDiagonalState DeliveredState => _deliveredState;

    /// <summary>Counters so far; call <see cref="Finish"/> at the end of a run to count attempts still in flight.</summary>
    public LinkStatistics Statistics { get; }

    /// <summary>A number the owner may attach (for example the link's position on a path).</summary>
    public int Tag { get; set; }

    /// <summary>True while the channel holds a pair that the sink has not released.</summary>
    public bool IsHolding(int channel) => StateOf(channel).Holding;

    /// <summary>
    /// Makes this runtime draw its attempt capacity from <paramref name="pool"/>, shared with the other sessions on the
    /// link: each of its slot pairs needs one of the pool's channels for a run of attempts and gives it back at the
    /// herald. Call before <see cref="Start"/>.
    /// </summary>
    /// <param name="priority">The session's priority (priority sharing).</param>
    /// <param name="rateHz">The session's requested rate in Hz, or null (proportional sharing).</param>
    public void ShareChannels(LinkChannelPool pool, int priority, double? rateHz)
    {
        if (_started)
        {
            throw new InvalidOperationException($"Link {Id} already started; share its channels before.");
        }
        _claim = pool.Join(this, priority, rateHz);
        _grant = new int[Channels];
        Array.Fill(_grant, -1);
    }

    /// <summary>Starts every channel attempting at the current time.</summary>
    public void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException($"Link {Id} was already started.");
        }
        _started = true;
        for (int ch = 0; ch < Channels; ch++)
        {
            StateOf(ch).NextStart = _sim.Now.Picoseconds;
            BeginAttempts(ch);
        }
    }

    /// <summary>
    /// Retunes the running link in place (a slow drift, a step of it): attempts that start from now on use
    /// <paramref name="model"/> and the memories' new coherence; pairs already held and attempts already in flight keep
    /// what they had. Nothing is discarded, unlike restarting the session.
    /// </summary>
    public void Retune(ILinkModel model, QuantumMemory memoryA, QuantumMemory memoryB)
    {
        LinkPhysics physics = model.Derive().WithProcessingDelay(_processingDelay);
        (Model, Physics, MemoryA, MemoryB) = (model, physics, memoryA, memoryB);
        Tune(physics, memoryA, memoryB);
    }

    // Copies what the hot path reads out of the physics record.
    private void Tune(LinkPhysics physics, QuantumMemory memoryA, QuantumMemory memoryB)
    {
        _cycle = physics.AttemptDuration.Picoseconds;
        _latency = physics.HeraldLatency.Picoseconds;
        _latencySeconds = _latency / (double)SimTime.PicosecondsPerSecond;
        _successProbability = physics.SuccessProbability;
        _logFailure = double.LogP1(-physics.SuccessProbability);
        _trueHeraldFraction = physics.TrueHeraldFraction;
        _deliveredState = physics.HeraldedState
            .Decohere(physics.WaitA.Seconds, memoryA.T1Seconds, memoryA.T2Seconds)
            .Decohere(physics.WaitB.Seconds, memoryB.T1Seconds, memoryB.T2Seconds);
    }

    /// <summary>True once <see cref="Stop"/> was called.</summary>
    public bool IsStopped => _stopped;

    /// <summary>Stops all attempts for good (the link failed or its owner ended); pending events are ignored.</summary>
    public void Stop()
    {
        Finish();
        _stopped = true;
        if (_claim is not null)
        {
            // Attempts in flight are abandoned: the channels go back to the link's other sessions now.
            _claim.Pool.Leave(_claim);
            for (int ch = 0; ch < Channels; ch++)
            {
                if (_grant![ch] >= 0)
                {
                    int channel = _grant[ch];
                    _grant[ch] = -1;
                    _claim.Pool.Return(channel, _sim.Now.Picoseconds);
                }
            }
        }
    }

    /// <summary>The pool gave slot <paramref name="slot"/> channel <paramref name="channel"/>: its attempts begin.</summary>
    internal void Granted(int slot, int channel)
    {
        _grant![slot] = channel;
        StartAttempts(slot, _claim!.Pool.NextStart(channel));
    }

    /// <summary>Frees a channel whose pair was consumed or discarded; it resumes attempting.</summary>
    public void Release(int channel)
    {
        ref ChannelState state = ref StateOf(channel);
        if (_stopped)
        {
            state.Holding = false;
            return;
        }
        if (!state.Holding)
        {
            throw new InvalidOperationException($"Channel {channel} of link {Id} holds no pair.");
        }
        state.Holding = false;
        state.Busy = false;
        BeginAttempts(channel);
    }

    /// <summary>
    /// Counts the attempts whose outcome is known by now but not yet counted (attempt skipping
    /// counts a whole run at its herald). Call once when the run ends.
    /// </summary>
    public void Finish()
    {
        if (Engine != LinkEngine.AttemptSkipping || _stopped)
        {
            return;
        }
        long now = _sim.Now.Picoseconds;
        for (int ch = 0; ch < Channels; ch++)
        {
            ref readonly ChannelState state = ref StateOf(ch);
            if (state.Busy && !state.Holding)
            {
                long elapsed = now - state.ChainStart - _latency;
                if (elapsed >= 0)
                {
                    long known = elapsed / _cycle + 1;
                    AttemptCount += Math.Min(known, state.PendingAttempts - 1);
                }
            }
        }
    }

    /// <inheritdoc />
    public void OnEvent(int kind, long argument)
    {
        if (_stopped)
        {
            return;
        }
        int ch = (int)argument;
        if (kind == AttemptOutcomeEvent)
        {
            AttemptCount++;
            if (_random.NextDouble() < _successProbability)
            {
                Deliver(ch);
            }
            else
            {
                // The next attempt started one cycle after this one; its outcome is known a latency later.
                _sim.Schedule(new SimTime(_cycle), this, AttemptOutcomeEvent, ch, _priority);
            }
        }
        else
        {
            AttemptCount += StateOf(ch).PendingAttempts;
            Deliver(ch);
        }
    }

    private void BeginAttempts(int ch)
    {
        if (_claim is null)
        {
            StartAttempts(ch, StateOf(ch).NextStart);
            return;
        }
        int channel = _claim.Pool.Request(_claim, ch);
        if (channel >= 0)
        {
            _grant![ch] = channel;
            StartAttempts(ch, _claim.Pool.NextStart(channel));
        }
    }

    private void StartAttempts(int ch, long earliest)
    {
        long now = _sim.Now.Picoseconds;
        long start = Math.Max(now, earliest);
        ref ChannelState state = ref StateOf(ch);
        state.Busy = true;
        if (Engine == LinkEngine.PerAttempt)
        {
            _sim.ScheduleAt(new SimTime(start + _latency), this, AttemptOutcomeEvent, ch, _priority);
            return;
        }
        long attempts = _random.NextGeometric(_successProbability, _logFailure);
        state.ChainStart = start;
        state.PendingAttempts = attempts;
        // A success so far off that it cannot be represented never happens within any run: (attempts − 1)·cycle beyond
        // the room left below the clock's horizon. The product in 128 bits is the same test as dividing the room by the
        // cycle (x > ⌊y / c⌋ ⇔ x·c > y for y ≥ 0, c > 0) without a 64-bit division on every run of attempts.
        long room = SimTime.Horizon.Picoseconds - start - _latency;
        ulong high = Math.BigMul((ulong)(attempts - 1), (ulong)_cycle, out ulong low);
        if (room < 0 || high != 0 || low > (ulong)room)
        {
            return;
        }
        long heraldAt = start + (attempts - 1) * _cycle + _latency;
        _sim.ScheduleAt(new SimTime(heraldAt), this, HeraldEvent, ch, _priority);
    }

    private void Deliver(int ch)
    {
        long now = _sim.Now.Picoseconds;
        ref ChannelState state = ref StateOf(ch);
        // The successful attempt started one latency ago; the channel's next attempt may start a cycle after it.
        long nextStart = now - _latency + _cycle;
        state.NextStart = nextStart;
        PairCount++;
        bool dark = _origin.NextDouble() >= _trueHeraldFraction;
        if (dark)
        {
            DarkCountHeraldCount++;
        }
        FidelitySum += _deliveredState.Fidelity;
        HeraldingLatencySumSeconds += _latencySeconds;
        state.Holding = true;
        if (_claim is not null)
        {
            // The pair now waits in the memory slots; the channel goes to the next in line, before this slot asks again.
            int channel = _grant![ch];
            _grant[ch] = -1;
            _claim.Pool.Return(channel, nextStart);
        }
        var pair = new LinkPair(ch, new SimTime(now), _deliveredState, dark);
        if (_sink.OnPair(this, pair))
        {
            state.Holding = false;
            state.Busy = false;
            BeginAttempts(ch);
        }
    }
}
