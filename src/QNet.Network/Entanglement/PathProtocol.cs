using System.Runtime.CompilerServices;
using QNet.Kernel;
using QNet.Network.Links;
using QNet.Network.Scenarios;
using QNet.Physics.Hardware;

namespace QNet.Network.Entanglement;

/// <summary>
/// Builds end-to-end pairs along one path with heralded links and entanglement swapping. Every
/// position has memory slots (<see cref="PathMemory"/>); a link attempts on as many channels as it has
/// free slots at both ends, and a heralded pair holds a slot at each end. A repeater swaps as soon as
/// it holds a pair on each side (asap; the oldest first) or, in the nested plan, the two pairs that
/// span its subtree. Swap results travel to the new pair's ends with fiber delay; a failed swap loses
/// both inputs, whose far slots are freed when the news arrives. Pairs older than the cutoff are
/// discarded by their ends. Decoherence is applied lazily whenever a pair is touched. End-to-end pairs
/// go to the consumer and keep their end slots until released.
/// </summary>
internal sealed partial class PathProtocol : IEventHandler, ILinkPairSink
{
    private const int DeliveryEvent = 0;
    private const int CutoffEvent = 1;
    private const int ReleaseEvent = 2;      // argument: both ends, packed (no interior slots held)
    private const int ReleaseHeldEvent = 3;  // argument: a key of _pendingReleases (interior slots held too)
    private const int CutoffPriority = int.MaxValue / 2; // after every herald at the same instant

    private readonly Simulator _sim;
    private readonly RandomStream _random;
    private PathDefinition _path;
    private readonly PathMemory _memory;
    private readonly IEndToEndConsumer _consumer;
    private readonly PathReporter? _observer;  // the session's observer, links and nodes by position
    private readonly SwapPlan _plan;
    private readonly HeraldedLink[] _links;
    private readonly QuantumMemory[] _memories;
    private readonly PathPositions _positions; // per position: memory, delays and the stored pairs ending there (the hot path's copy)
    private readonly SwapPhysics[] _swaps;      // per position: its Bell-state measurement
    private readonly long _cutoff;            // ps; long.MaxValue for none
    private readonly int _k;
    private readonly PathSlots _slots;
    private readonly PairStore _pairs;
    private readonly CutoffLane _cutoffs;       // the stored pairs' cutoff timers, only the next one queued
    private readonly Dictionary<long, (int Left, int Right, List<int>? Interior)> _pendingReleases = []; // without pipelining only
    private readonly PurificationBuffer[]? _linkPurifiers;
    private long _nextRelease;
    private long _lastDelivery;
    private bool _stopped;

    public PathProtocol(Simulator simulator, string key, PathDefinition path, PathMemory memory, bool nested, SimTime? cutoff,
        LinkEngine engine, IEndToEndConsumer consumer, IPathObserver? observer = null, string? sessionId = null,
        PurificationSpec? linkPurification = null, ChannelShare? channelShare = null)
    {
        path.Validate();
        _sim = simulator;
        _path = path;
        _memory = memory;
        _consumer = consumer;
        _observer = observer?.ReporterFor(sessionId ?? key, path.LinkIds, path.Nodes);
        _k = path.Segments;
        _random = simulator.StreamFor(key + ":swaps");
        _plan = SwapPlan.Create(nested, _k);
        _memories = [.. path.Memories];
        _cutoff = cutoff?.Picoseconds ?? long.MaxValue;
        _positions = new PathPositions(_k + 1, Math.Max(memory.EndSlots, memory.RepeaterSlotsPerSide));
        _swaps = new SwapPhysics[_k + 1];
        for (int i = 0; i <= _k; i++)
        {
            _positions[i].Tune(_memories[i]);
            _swaps[i].Tune(path.Measurements[i]);
            _positions[i].Processing = SimTime.FromSeconds(path.ProcessingDelayAt(i)).Picoseconds;
            if (i > 0)
            {
                _positions[i].Position = _positions[i - 1].Position + SimTime.FromSeconds(path.LinkDelaysSeconds[i - 1]).Picoseconds;
            }
        }
        _links = new HeraldedLink[_k];
        _slots = new PathSlots(_k, memory, _links);
        for (int j = 0; j < _k; j++)
        {
            _links[j] = new HeraldedLink(simulator, path.LinkIds[j], path.LinkModels[j], _memories[j], _memories[j + 1],
                _slots.ChannelsOf(j), engine, this, eventPriority: j, streamKey: key + ":link:" + path.LinkIds[j],
                processingDelay: new SimTime(Math.Max(_positions[j].Processing, _positions[j + 1].Processing)))
            { Tag = j };
            if (channelShare?.Pools[j] is { } pool)
            {
                _links[j].ShareChannels(pool, channelShare.Priority, channelShare.RateHz);
            }
        }
        if (linkPurification is not null)
        {
            // Link scope: every link pair is purified with others of its link before it may be swapped.
            _linkPurifiers = new PurificationBuffer[_k];
            for (int j = 0; j < _k; j++)
            {
                _linkPurifiers[j] = new PurificationBuffer(simulator, $"{key}:link:{path.LinkIds[j]}", linkPurification,
                    _memories[j], _memories[j + 1], new SimTime(_positions[j + 1].Position - _positions[j].Position + Math.Max(_positions[j].Processing, _positions[j + 1].Processing)),
                    (handle, state, _) => LinkPurified(handle, state), DropPair,
                    () =>
                    {
                        Statistics.PurificationFailures++;
                        _observer?.PairLost(LossReason.PurificationFailed);
                    });
            }
        }
        _pairs = new PairStore((_k + 1) * Math.Max(memory.EndSlots, memory.RepeaterSlotsPerSide));
        // A timer can act only while its pair lives and is not handed over; both end for good.
        _cutoffs = new CutoffLane(simulator, this, CutoffEvent, CutoffPriority,
            handle => !_pairs.TryUnpack(handle, out int pair) || _pairs[pair].ReadyAt == long.MinValue);
    }

    /// <summary>The path.</summary>
    public PathDefinition Path => _path;

    /// <summary>
    /// Retunes the path in place to <paramref name="path"/> (same nodes and links, new physics: a drift step): its links
    /// attempt with the new models, stored pairs decohere with the new memories and swaps use the new measurements from
    /// now on. Pairs already stored are kept.
    /// </summary>
    internal void Retune(PathDefinition path)
    {
        path.Validate();
        _path = path;
        for (int i = 0; i <= _k; i++)
        {
            _memories[i] = path.Memories[i];
            _positions[i].Tune(_memories[i]);
            _swaps[i].Tune(path.Measurements[i]);
        }
        for (int j = 0; j < _k; j++)
        {
            _links[j].Retune(path.LinkModels[j], _memories[j], _memories[j + 1]);
        }
    }

    /// <summary>The memory this protocol uses.</summary>
    public PathMemory Memory => _memory;

    /// <summary>The link runtimes, in path order.</summary>
    public IReadOnlyList<HeraldedLink> Links => _links;

    /// <summary>Swap, cutoff and delivery counters.</summary>
    public PathStatistics Statistics { get; } = new();

    /// <summary>One-way classical delay between the two ends of the path, the slower end's processing of the message included.</summary>
    public SimTime EndToEndDelay => new(_positions[_k].Position + Math.Max(_positions[0].Processing, _positions[_k].Processing));

    /// <summary>Queues every cutoff timer as an event of its own (the behaviour before cutoff lanes), for tests that compare the two.</summary>
    internal bool EventPerCutoffTimer
    {
        get => _cutoffs.EventPerTimer;
        set => _cutoffs.EventPerTimer = value;
    }

    /// <summary>True once stopped.</summary>
    public bool IsStopped => _stopped;

    /// <summary>
    /// Pairs stored in the path's memories now (link pairs and swapped segments waiting for a partner or for delivery;
    /// each counted once, not per end). A read for the control plane's failover accounting; it changes nothing.
    /// </summary>
    public int PairsHeld
    {
        get
        {
            int held = 0;
            for (int position = 0; position <= _k; position++)
            {
                held += _positions.CountAt(position, PairSide.Right);
            }
            return held;
        }
    }

    /// <summary>Starts every channel of every link.</summary>
    public void Start()
    {
        _lastDelivery = _sim.Now.Picoseconds;
        _slots.StartAll();
        foreach (HeraldedLink link in _links)
        {
            link.Start();
        }
    }

    /// <summary>Stops the path for good: links stop attempting, pairs in flight are dropped.</summary>
    public void Stop()
    {
        _stopped = true;
        foreach (HeraldedLink link in _links)
        {
            link.Stop();
        }
    }

    /// <summary>Counts attempts still in flight at the end of a run.</summary>
    public void Finish()
    {
        foreach (HeraldedLink link in _links)
        {
            link.Finish();
        }
    }

    /// <summary>The consumer is done with an end-to-end pair: its end slots are free again.</summary>
    public void Release(long handle)
    {
        if (_stopped || !_pairs.TryUnpack(handle, out int pair))
        {
            return;
        }
        FreeEnds(_pairs[pair].Left, _pairs[pair].Right, _pairs.InteriorOf(pair));
        _pairs.Return(pair);
    }

    /// <inheritdoc />
    public bool OnPair(HeraldedLink link, in LinkPair pair)
    {
        int j = link.Tag;
        long now = _sim.Now.Picoseconds;
        _observer?.LinkPairGenerated(j, pair.State.Fidelity, link.Physics.HeraldLatency.Seconds, pair.DarkCount);
        _slots.Heralded(j);
        PrefetchPartners(j);
        int p = _pairs.Rent(j, j + 1);
        ref PairRecord record = ref _pairs[p];
        record.State = pair.State;
        record.StateTime = now;
        record.Born = now;
        record.ReadyAt = now;
        if (_cutoff != long.MaxValue)
        {
            _cutoffs.Defer(SaturatingAdd(now, _cutoff), _pairs.Pack(p));
        }
        if (_linkPurifiers is not null)
        {
            _pairs.SetBuffered(p, true);
            _linkPurifiers[j].Offer(_pairs.Pack(p), pair.State, now);
        }
        else
        {
            Store(p);
            Extend(p);
        }
        _cutoffs.Commit(); // the timers of pairs still stored (a link pair swapped at once needs none)
        return _slots.Continue(j, pair.Channel); // attempt again at once, or wait for free slots
    }

    /// <inheritdoc />
    public void OnEvent(int kind, long argument)
    {
        if (_stopped)
        {
            return;
        }
        switch (kind)
        {
            case DeliveryEvent:
                if (_pairs.TryUnpack(argument, out int delivered))
                {
                    Deliver(delivered);
                }
                break;
            case CutoffEvent:
                if (_pairs.TryUnpack(argument, out int old) && _pairs[old].ReadyAt != long.MinValue && !_pairs.IsBuffered(old))
                {
                    Statistics.CutoffDiscards++;
                    _observer?.PairLost(LossReason.Cutoff);
                    Unstore(old);
                    FreeEnds(_pairs[old].Left, _pairs[old].Right, _pairs.InteriorOf(old));
                    _pairs.Return(old);
                }
                _cutoffs.Fired(argument);
                break;
            case ReleaseEvent:
                FreeEnds((int)(argument >> 32), (int)argument, null);
                break;
            case ReleaseHeldEvent:
                if (_pendingReleases.Remove(argument, out var release))
                {
                    FreeEnds(release.Left, release.Right, release.Interior);
                }
                break;
        }
    }

    // A link pair came out of its link's purification: it may now be swapped (unless it grew too old meanwhile).
    private void LinkPurified(long handle, Physics.States.BellDiagonalState state)
    {
        if (_stopped || !_pairs.TryUnpack(handle, out int p))
        {
            return;
        }
        long now = _sim.Now.Picoseconds;
        _pairs.SetBuffered(p, false);
        ref PairRecord record = ref _pairs[p];
        record.State = state;
        record.StateTime = now;
        if (_cutoff != long.MaxValue && now - record.Born > _cutoff)
        {
            Statistics.CutoffDiscards++;
            _observer?.PairLost(LossReason.Cutoff);
            DropPair(handle);
            return;
        }
        Store(p);
        Extend(p);
        _cutoffs.Commit();
    }

    // A pair measured away (sacrificed or failed in purification): its slots are free.
    private void DropPair(long handle)
    {
        if (_stopped || !_pairs.TryUnpack(handle, out int p))
        {
            return;
        }
        FreeEnds(_pairs[p].Left, _pairs[p].Right, _pairs.InteriorOf(p));
        _pairs.Return(p);
    }

    // The slots of a failed swap's inputs are freed at time news, when the farther end has heard. With pipelining (no
    // interior slots) the two ends travel in the event's argument; otherwise the interior list waits in a dictionary.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ScheduleRelease(long news, int left, int right, List<int>? interior)
    {
        if (interior is null)
        {
            _sim.ScheduleAt(new SimTime(news), this, ReleaseEvent, ((long)left << 32) | (uint)right);
            return;
        }
        long id = _nextRelease++;
        _pendingReleases[id] = (left, right, interior);
        _sim.ScheduleAt(new SimTime(news), this, ReleaseHeldEvent, id);
    }

    private void FreeEnds(int left, int right, List<int>? interior)
    {
        _slots.Free(left, leftSide: false);
        _slots.Free(right, leftSide: true);
        if (interior is not null)
        {
            foreach (int node in interior)
            {
                _slots.Free(node, leftSide: true);
                _slots.Free(node, leftSide: false);
            }
        }
    }

    // A due time past the clock's end is "never" (it stays queued, unreached); halving it instead could put it in the past.
    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
