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
    private readonly Simulator _sim;
    private readonly LinkTable _table;        // this link's hot state is entry _index of it (its path's table, or its own)
    private readonly int _index;
    private readonly SimTime _processingDelay; // kept when the link is retuned
    private LinkChannelPool.Claim? _claim;    // shared channels: null when every slot pair is its own channel
    private int[]? _grant;                    // shared channels: the pool channel each slot attempts on, −1 for none
    private bool _started;

    /// <summary>Creates a link; call <see cref="Start"/> to begin attempts.</summary>
    /// <param name="eventPriority">Orders this link's events among events at the same time (lower first).</param>
    /// <param name="streamKey">Names its random stream; defaults to <c>link:ID</c>. Two runtimes of one link need distinct keys.</param>
    /// <param name="processingDelay">Time the slower of the two end nodes takes to act on a herald result (F4); none by default.</param>
    public HeraldedLink(Simulator simulator, string id, ILinkModel model, QuantumMemory memoryA, QuantumMemory memoryB,
        int channels, LinkEngine engine, ILinkPairSink sink, int eventPriority = 0, string? streamKey = null, SimTime processingDelay = default)
        : this(new LinkTable(simulator, 1, engine, sink), 0, simulator, id, model, memoryA, memoryB, channels, engine, eventPriority, streamKey,
            processingDelay)
    {
    }

    /// <summary>Creates the link whose hot state is entry <paramref name="index"/> of <paramref name="table"/> (a path's links share one).</summary>
    internal HeraldedLink(LinkTable table, int index, Simulator simulator, string id, ILinkModel model, QuantumMemory memoryA,
        QuantumMemory memoryB, int channels, LinkEngine engine, int eventPriority, string? streamKey, SimTime processingDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        _sim = simulator;
        _table = table;
        _index = index;
        table.Attach(index, this, channels);
        ref LinkHotState hot = ref table[index];
        hot.Priority = eventPriority;
        Id = id;
        Model = model;
        Physics = model.Derive().WithProcessingDelay(processingDelay);
        _processingDelay = processingDelay;
        MemoryA = memoryA;
        MemoryB = memoryB;
        Channels = channels;
        Engine = engine;
        hot.Random = simulator.StreamFor(streamKey ?? "link:" + id).Detach();
        hot.Origin = simulator.StreamFor((streamKey ?? "link:" + id) + ":dark").Detach();
        Statistics = new LinkStatistics(this);
        Tune(Physics, memoryA, memoryB);
    }

    private ref LinkHotState Hot => ref _table[_index];

    private ref ChannelState StateOf(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)channel, (uint)Channels, nameof(channel));
        return ref _table.ChannelOf(_index, channel);
    }

    internal long AttemptCount => Hot.AttemptCount;
    internal long PairCount => Hot.PairCount;
    internal long DarkCountHeraldCount => Hot.DarkCountHeraldCount;
    internal double FidelitySum => Hot.FidelitySum;
    internal double HeraldingLatencySumSeconds => Hot.HeraldingLatencySumSeconds;

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
    public BellDiagonalState DeliveredState => Hot.Delivered;

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
        Hot.Shared = true;
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
            _table.BeginAttempts(_index, ch);
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

    // Copies what the hot path reads out of the physics record into the link's entry.
    private void Tune(LinkPhysics physics, QuantumMemory memoryA, QuantumMemory memoryB)
    {
        ref LinkHotState hot = ref Hot;
        hot.Cycle = physics.AttemptDuration.Picoseconds;
        hot.Latency = physics.HeraldLatency.Picoseconds;
        hot.LatencySeconds = hot.Latency / (double)SimTime.PicosecondsPerSecond;
        hot.SuccessProbability = physics.SuccessProbability;
        hot.LogFailure = double.LogP1(-physics.SuccessProbability);
        hot.TrueHeraldFraction = physics.TrueHeraldFraction;
        hot.Delivered = physics.HeraldedState
            .Decohere(physics.WaitA.Seconds, memoryA.T1Seconds, memoryA.T2Seconds)
            .Decohere(physics.WaitB.Seconds, memoryB.T1Seconds, memoryB.T2Seconds);
    }

    /// <summary>True once <see cref="Stop"/> was called.</summary>
    public bool IsStopped => Hot.Stopped;

    /// <summary>Stops all attempts for good (the link failed or its owner ended); pending events are ignored.</summary>
    public void Stop()
    {
        Finish();
        Hot.Stopped = true;
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
        _table.StartAttempts(_index, slot, _claim!.Pool.NextStart(channel));
    }

    /// <summary>Shared channels: slot <paramref name="slot"/> asks the pool for a channel and starts attempting if it gets one.</summary>
    internal void RequestChannel(int slot)
    {
        int channel = _claim!.Pool.Request(_claim, slot);
        if (channel >= 0)
        {
            _grant![slot] = channel;
            _table.StartAttempts(_index, slot, _claim.Pool.NextStart(channel));
        }
    }

    /// <summary>Shared channels: slot <paramref name="slot"/> heralded; its pool channel goes back, free from <paramref name="nextStart"/> (ps).</summary>
    internal void ReturnChannel(int slot, long nextStart)
    {
        int channel = _grant![slot];
        _grant[slot] = -1;
        _claim!.Pool.Return(channel, nextStart);
    }

    /// <summary>Frees a channel whose pair was consumed or discarded; it resumes attempting.</summary>
    public void Release(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)channel, (uint)Channels, nameof(channel));
        _table.Release(_index, channel);
    }

    /// <summary>
    /// Counts the attempts whose outcome is known by now but not yet counted (attempt skipping
    /// counts a whole run at its herald). Call once when the run ends.
    /// </summary>
    public void Finish()
    {
        ref LinkHotState hot = ref Hot;
        if (Engine != LinkEngine.AttemptSkipping || hot.Stopped)
        {
            return;
        }
        long now = _sim.Now.Picoseconds;
        for (int ch = 0; ch < Channels; ch++)
        {
            ref readonly ChannelState state = ref StateOf(ch);
            if (state.Busy && !state.Holding)
            {
                long elapsed = now - state.ChainStart - hot.Latency;
                if (elapsed >= 0)
                {
                    long known = elapsed / hot.Cycle + 1;
                    hot.AttemptCount += Math.Min(known, state.PendingAttempts - 1);
                }
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The link's events go to its table; this runs one of them as if it had (<paramref name="argument"/> names the channel).</remarks>
    public void OnEvent(int kind, long argument) => _table.OnEvent(kind, LinkTable.ArgumentOf(_index, (int)argument));
}
