using QNet.Kernel;
using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Entanglement;

/// <summary>
/// Builds end-to-end pairs along one path with heralded links and entanglement swapping, in a number
/// of independent lanes (each lane uses one memory slot per side at every position: multiplexing).
/// A link pair stays in its memories until a pair covering it is delivered, discarded or lost, so a
/// lane builds one end-to-end pair at a time (the model of Shchukin, Schmidt and van Loock 2019).
/// Swap results travel to the new pair's ends with fiber delay; a failed swap loses both inputs, and
/// their memories are freed when the news reaches the farther end. Pairs older than the cutoff are
/// discarded by their ends. Decoherence is applied lazily whenever a pair is touched.
/// </summary>
internal sealed class PathProtocol : IEventHandler, ILinkPairSink
{
    private const int DeliveryEvent = 0;
    private const int CutoffEvent = 1;
    private const int ReleaseEvent = 2;
    private const int CutoffPriority = int.MaxValue / 2; // after every herald at the same instant

    private readonly Simulator _sim;
    private readonly RandomStream _random;
    private readonly PathDefinition _path;
    private readonly IEndToEndConsumer _consumer;
    private readonly SwapPlan _plan;
    private readonly HeraldedLink[] _links;
    private readonly QuantumMemory[] _memories;
    private readonly BellStateMeasurement[] _measurements;
    private readonly long[] _position;   // cumulative one-way delay from position 0, ps
    private readonly long _cutoff;       // ps; long.MaxValue for none
    private readonly int _k;
    private readonly VirtualPair?[] _leftOf;   // [lane*(k+1)+pos]: pair whose right end is pos
    private readonly VirtualPair?[] _rightOf;  // [lane*(k+1)+pos]: pair whose left end is pos
    private readonly long[] _laneStart;
    private readonly List<VirtualPair> _pool = [];
    private readonly Stack<VirtualPair> _free = new();
    private bool _stopped;
    private readonly Sessions.INetworkObserver? _observer;
    private readonly string _sessionId;

    public PathProtocol(Simulator simulator, string key, PathDefinition path, int lanes, bool nested, SimTime? cutoff,
        LinkEngine engine, IEndToEndConsumer consumer, Sessions.INetworkObserver? observer = null, string? sessionId = null)
    {
        _observer = observer;
        _sessionId = sessionId ?? key;
        path.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _sim = simulator;
        _path = path;
        _consumer = consumer;
        _k = path.Segments;
        Lanes = lanes;
        _random = simulator.StreamFor(key + ":swaps");
        _plan = SwapPlan.Create(nested, _k);
        _memories = [.. path.Memories];
        _measurements = [.. path.Measurements];
        _cutoff = cutoff?.Picoseconds ?? long.MaxValue;
        _position = new long[_k + 1];
        for (int j = 0; j < _k; j++)
        {
            _position[j + 1] = _position[j] + SimTime.FromSeconds(path.LinkDelaysSeconds[j]).Picoseconds;
        }
        _links = new HeraldedLink[_k];
        for (int j = 0; j < _k; j++)
        {
            _links[j] = new HeraldedLink(simulator, path.LinkIds[j], path.LinkModels[j], _memories[j], _memories[j + 1],
                lanes, engine, this, eventPriority: j, streamKey: key + ":link:" + path.LinkIds[j]) { Tag = j };
        }
        _leftOf = new VirtualPair?[lanes * (_k + 1)];
        _rightOf = new VirtualPair?[lanes * (_k + 1)];
        _laneStart = new long[lanes];
    }

    /// <summary>Lanes (parallel end-to-end pairs in the making).</summary>
    public int Lanes { get; }

    /// <summary>The path.</summary>
    public PathDefinition Path => _path;

    /// <summary>The link runtimes, in path order.</summary>
    public IReadOnlyList<HeraldedLink> Links => _links;

    /// <summary>Swap, cutoff and waiting-time counters.</summary>
    public PathStatistics Statistics { get; } = new();

    /// <summary>One-way classical delay between the two ends of the path.</summary>
    public SimTime EndToEndDelay => new(_position[_k]);

    /// <summary>Starts every link of every lane.</summary>
    public void Start()
    {
        Array.Fill(_laneStart, _sim.Now.Picoseconds);
        foreach (HeraldedLink link in _links)
        {
            link.Start();
        }
    }

    /// <summary>The consumer is done with the end-to-end pair of <paramref name="lane"/>: every link of the lane attempts again.</summary>
    public void ReleaseLane(int lane)
    {
        if (_stopped)
        {
            return;
        }
        long now = _sim.Now.Picoseconds;
        _laneStart[lane] = now;
        ReleaseSegments(lane, 0, _k);
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

    /// <summary>True once stopped.</summary>
    public bool IsStopped => _stopped;

    /// <summary>Counts attempts still in flight at the end of a run.</summary>
    public void Finish()
    {
        foreach (HeraldedLink link in _links)
        {
            link.Finish();
        }
    }

    /// <inheritdoc />
    public bool OnPair(HeraldedLink link, in LinkPair pair)
    {
        int seg = link.Tag, lane = pair.Channel;
        long now = _sim.Now.Picoseconds;
        _observer?.LinkPairGenerated(_sessionId, link.Id, pair.State.Fidelity, link.Physics.HeraldLatency.Seconds);
        VirtualPair p = Rent(lane, seg, seg + 1);
        p.State = pair.State;
        p.StateTime = now;
        p.Born = now;
        p.ReadyAt = now;
        Place(p);
        if (_cutoff != long.MaxValue)
        {
            _sim.ScheduleAt(new SimTime(SaturatingAdd(now, _cutoff)), this, CutoffEvent, Pack(p), CutoffPriority);
        }
        Extend(p);
        return false; // the link's memories stay occupied until a pair covering it is gone
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
                if (Unpack(argument) is { } delivered)
                {
                    Deliver(delivered);
                }
                break;
            case CutoffEvent:
                if (Unpack(argument) is { } old && old.ReadyAt != long.MinValue)
                {
                    Statistics.CutoffDiscards++;
                    _observer?.PairLost(_sessionId, "cutoff");
                    Remove(old);
                    ReleaseSegments(old.Lane, old.Left, old.Right);
                    Return(old);
                }
                break;
            case ReleaseEvent:
                ReleaseSegments((int)(argument & 0xFFFFF), (int)((argument >> 20) & 0xFFFFF), (int)(argument >> 40));
                break;
        }
    }

    // Swap as far as the plan allows: first at the pair's left end, then at its right end, repeatedly.
    private void Extend(VirtualPair pair)
    {
        int lane = pair.Lane;
        while (true)
        {
            int a = pair.Left, b = pair.Right;
            if (a > 0 && _leftOf[Index(lane, a)] is { } left && _plan.Allows(a, left.Left, b))
            {
                VirtualPair? joined = Swap(a, left, pair);
                if (joined is null)
                {
                    return;
                }
                pair = joined;
                continue;
            }
            if (b < _k && _rightOf[Index(lane, b)] is { } right && _plan.Allows(b, a, right.Right))
            {
                VirtualPair? joined = Swap(b, pair, right);
                if (joined is null)
                {
                    return;
                }
                pair = joined;
                continue;
            }
            break;
        }
        if (pair.Left == 0 && pair.Right == _k)
        {
            Remove(pair);
            long due = Math.Max(_sim.Now.Picoseconds, pair.ReadyAt);
            pair.ReadyAt = long.MinValue; // marks "awaiting delivery": cutoffs no longer apply
            _sim.ScheduleAt(new SimTime(due), this, DeliveryEvent, Pack(pair));
        }
    }

    private VirtualPair? Swap(int node, VirtualPair left, VirtualPair right)
    {
        long now = _sim.Now.Picoseconds;
        int lane = left.Lane, a = left.Left, b = right.Right;
        var leftState = left.StateAt(now, _memories[a], _memories[node]);
        var rightState = right.StateAt(now, _memories[node], _memories[b]);
        BellStateMeasurement bsm = _measurements[node];
        Statistics.SwapAttempts++;
        Remove(left);
        Remove(right);
        long news = now + Math.Max(_position[node] - _position[a], _position[b] - _position[node]);
        bool failed = bsm.SuccessProbability < 1 && _random.NextDouble() >= bsm.SuccessProbability;
        _observer?.SwapAttempted(_sessionId, _path.Nodes[node], !failed);
        if (failed)
        {
            _observer?.PairLost(_sessionId, "swap-failed");
            // Both inputs are lost; their memories are freed once the farther end has heard.
            long arg = (long)(uint)lane | ((long)a << 20) | ((long)b << 40);
            if (news == now)
            {
                ReleaseSegments(lane, a, b);
            }
            else
            {
                _sim.ScheduleAt(new SimTime(news), this, ReleaseEvent, arg);
            }
            Return(left);
            Return(right);
            return null;
        }
        Statistics.SwapSuccesses++;
        VirtualPair joined = Rent(lane, a, b);
        joined.State = bsm.Swap(leftState, rightState);
        joined.StateTime = now;
        joined.Born = Math.Min(left.Born, right.Born);
        joined.ReadyAt = Math.Max(news, Math.Max(left.ReadyAt, right.ReadyAt));
        Return(left);
        Return(right);
        Place(joined);
        if (_cutoff != long.MaxValue)
        {
            long due = SaturatingAdd(joined.Born, _cutoff);
            _sim.ScheduleAt(new SimTime(Math.Max(due, now)), this, CutoffEvent, Pack(joined), CutoffPriority);
        }
        return joined;
    }

    private void Deliver(VirtualPair pair)
    {
        long now = _sim.Now.Picoseconds;
        int lane = pair.Lane;
        var state = pair.StateAt(now, _memories[0], _memories[_k]);
        long born = pair.Born;
        double waited = (now - _laneStart[lane]) / 1e12;
        Statistics.EndToEndPairs++;
        Statistics.WaitingTimes++;
        Statistics.WaitingTimeSumSeconds += waited;
        Statistics.WaitingTimeSumSquares += waited * waited;
        Return(pair);
        _consumer.OnEndToEnd(this, lane, state, born);
    }

    private void ReleaseSegments(int lane, int from, int to)
    {
        for (int j = from; j < to; j++)
        {
            if (_links[j].IsHolding(lane))
            {
                _links[j].Release(lane);
            }
        }
    }

    private int Index(int lane, int pos) => lane * (_k + 1) + pos;

    private void Place(VirtualPair p)
    {
        _rightOf[Index(p.Lane, p.Left)] = p;
        _leftOf[Index(p.Lane, p.Right)] = p;
    }

    private void Remove(VirtualPair p)
    {
        if (ReferenceEquals(_rightOf[Index(p.Lane, p.Left)], p))
        {
            _rightOf[Index(p.Lane, p.Left)] = null;
        }
        if (ReferenceEquals(_leftOf[Index(p.Lane, p.Right)], p))
        {
            _leftOf[Index(p.Lane, p.Right)] = null;
        }
    }

    private VirtualPair Rent(int lane, int left, int right)
    {
        if (!_free.TryPop(out VirtualPair? p))
        {
            p = new VirtualPair { Id = _pool.Count };
            _pool.Add(p);
        }
        p.Alive = true;
        p.Lane = lane;
        p.Left = left;
        p.Right = right;
        return p;
    }

    private void Return(VirtualPair p)
    {
        p.Alive = false;
        p.Generation++;
        _free.Push(p);
    }

    private static long Pack(VirtualPair p) => ((long)p.Generation << 32) | (uint)p.Id;

    private VirtualPair? Unpack(long argument)
    {
        VirtualPair p = _pool[(int)(argument & 0xFFFFFFFF)];
        return p.Alive && p.Generation == (int)(argument >> 32) ? p : null;
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue / 2 : a + b;
}
