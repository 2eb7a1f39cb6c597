using QNet.Kernel;
using QNet.Network.Scenarios;

namespace QNet.Network.Switching;

/// <summary>
/// Runs one <see cref="SwitchModel"/> on a simulator. Events are pair heralds on the leaf links and
/// request arrivals; after each one the switch serves, by its policy, every request that has a waiting
/// request and a buffered qubit on each of its leaves. Invariant between events: no request is servable,
/// so an event can only make servable the requests that touch the leaf (or are the request) it changed.
/// </summary>
internal sealed class SwitchEngine : IEventHandler
{
    private const int LeafHerald = 0, RequestArrival = 1, DemandOpen = 2, DemandClose = 3;

    private readonly Simulator _sim;
    private readonly SwitchModel _model;
    private readonly LeafBuffer[] _buffers;
    private readonly RandomStream[] _leafStreams;
    private readonly RandomStream[] _lossStreams;
    private readonly long[] _attempts;
    private readonly long[] _generated;
    private readonly long[] _dropped;
    private readonly long[] _used;
    private readonly DemandState[] _demands;
    private readonly RandomStream[] _demandStreams;
    private readonly int[][] _demandsOfLeaf;
    private readonly int[][] _leavesOf;
    private readonly double[] _weights;
    private readonly int[] _single = new int[1];
    private readonly RandomStream _policyStream;
    private readonly RandomStream _swapStream;
    private readonly long _cutoffPs;
    private readonly long[] _nextHerald;

    public SwitchEngine(Simulator sim, SwitchModel model)
    {
        _sim = sim;
        _model = model;
        int k = model.Leaves.Count;
        _buffers = [.. Enumerable.Range(0, k).Select(_ => new LeafBuffer(model.Buffer))];
        _leafStreams = [.. model.Leaves.Select(l => sim.StreamFor($"switch/{model.Id}/herald/{l.Link}"))];
        _lossStreams = [.. model.Leaves.Select(l => sim.StreamFor($"switch/{model.Id}/loss/{l.Link}"))];
        (_attempts, _generated, _dropped, _used, _nextHerald) = (new long[k], new long[k], new long[k], new long[k], new long[k]);
        _demands = [.. model.Demands.Select(d => new DemandState(d))];
        _demandStreams = [.. model.Demands.Select(d => sim.StreamFor($"switch/{model.Id}/requests/{d.Id}"))];
        _leavesOf = [.. model.Demands.Select(d => d.Leaves.ToArray())];
        _weights = [.. model.Demands.Select(d => d.Weight)];
        _demandsOfLeaf = [.. Enumerable.Range(0, k).Select(leaf => Enumerable.Range(0, model.Demands.Count).Where(d => model.Demands[d].Leaves.Contains(leaf)).ToArray())];
        _policyStream = sim.StreamFor($"switch/{model.Id}/policy");
        _swapStream = sim.StreamFor($"switch/{model.Id}/swap");
        _cutoffPs = model.CutoffSeconds is { } cutoff ? SimTime.FromSeconds(cutoff).Picoseconds : long.MaxValue;
    }

    /// <summary>Schedules the first heralds and the demands' openings and closings.</summary>
    public void Start()
    {
        for (int leaf = 0; leaf < _buffers.Length; leaf++)
        {
            ScheduleHerald(leaf);
        }
        for (int d = 0; d < _demands.Length; d++)
        {
            SwitchDemand demand = _demands[d].Demand;
            SimTime open = SimTime.FromSeconds(demand.StartSeconds);
            _sim.ScheduleAt(open, this, DemandOpen, d, priority: -1);
            if (demand.DurationSeconds is { } duration)
            {
                _sim.ScheduleAt(open + SimTime.FromSeconds(duration), this, DemandClose, d, priority: -2);
            }
        }
    }

    public void OnEvent(int kind, long argument)
    {
        int index = (int)argument;
        long now = _sim.Now.Picoseconds;
        switch (kind)
        {
            case LeafHerald:
                Herald(index, now);
                ScheduleHerald(index);
                Serve(_demandsOfLeaf[index], now);
                break;
            case RequestArrival:
                if (_demands[index].Open)
                {
                    _demands[index].Arrive(now);
                    ScheduleRequest(index);
                    Serve(Single(index), now);
                }
                break;
            case DemandOpen:
                _demands[index].OpenAt(now);
                if (_demands[index].Demand.RateHz is not null)
                {
                    ScheduleRequest(index);
                }
                Serve(Single(index), now);
                break;
            default:
                _demands[index].Close();
                break;
        }
    }

    /// <summary>The report at the end of the run (<paramref name="end"/>, the run's length).</summary>
    public SwitchReport Finish(SimTime end)
    {
        double seconds = end.Seconds;
        var leaves = new SwitchLeafReport[_buffers.Length];
        for (int i = 0; i < leaves.Length; i++)
        {
            LeafBuffer buffer = _buffers[i];
            buffer.Finish(end.Picoseconds);
            SwitchLeaf leaf = _model.Leaves[i];
            // Attempts of the pending herald that had not started by the end do not count.
            long notStarted = Math.Max(0, _nextHerald[i] - end.Picoseconds) / leaf.AttemptDuration.Picoseconds;
            leaves[i] = new SwitchLeafReport(leaf.Node, leaf.Link, _attempts[i] - notStarted, _generated[i], _dropped[i], buffer.Lost, buffer.Expired, _used[i],
                buffer.OccupancyIntegral / end.Picoseconds);
        }
        var demands = _demands.Select(s => new SwitchDemandReport(
            s.Demand.Id,
            [.. s.Demand.Leaves.Select(l => _model.Leaves[l].Node)],
            s.Requests,
            s.Served,
            s.FailedSwaps,
            s.Served / seconds,
            s.Waited == 0 ? double.NaN : s.WaitSumPs / s.Waited / SimTime.PicosecondsPerSecond,
            s.Served == 0 ? double.NaN : s.QubitAgeSumPs / s.Served / SimTime.PicosecondsPerSecond,
            DeliveredFidelity(s.Demand))).ToArray();
        return new SwitchReport(_model.Id, _model.Policy, _model.Buffer, seconds, leaves, demands);
    }

    // An ideal Bell measurement (two leaves) or fusion (more) of the leaves' heralded pairs, the switch keeping no qubit:
    // Physics.Ghz.GhzFusion, which for two pairs is the swap fidelity. Stored qubits do not dephase (SwitchLeaf.State).
    private double DeliveredFidelity(SwitchDemand demand) =>
        QNet.Physics.Ghz.GhzFusion.Fidelity([.. demand.Leaves.Select(l => _model.Leaves[l].State)]);

    private void Herald(int leaf, long now)
    {
        _generated[leaf]++;
        LeafBuffer buffer = _buffers[leaf];
        buffer.DiscardDue(now);
        if (buffer.IsFull)
        {
            _dropped[leaf]++;
            return;
        }
        // A cut-off past the clock's end never comes.
        long discard = _cutoffPs > long.MaxValue - now ? long.MaxValue : now + _cutoffPs;
        bool byCutoff = discard != long.MaxValue;
        if (_model.LossRateHz > 0)
        {
            // Exponential lifetime; one that ends after the discard time (or the clock's end) does not matter.
            double life = _lossStreams[leaf].NextExponential(_model.LossRateHz);
            if (life * SimTime.PicosecondsPerSecond < discard - now)
            {
                (discard, byCutoff) = (now + (long)(life * SimTime.PicosecondsPerSecond), false);
            }
        }
        buffer.Add(now, discard, byCutoff);
    }

    private void Serve(int[] candidates, long now)
    {
        while (Choose(candidates, now) is var chosen && chosen >= 0)
        {
            DemandState demand = _demands[chosen];
            int[] leaves = _leavesOf[chosen];
            long ageSum = 0;
            for (int i = 0; i < leaves.Length; i++)
            {
                ageSum += _buffers[leaves[i]].TakeOldest(now);
                _used[leaves[i]]++;
            }
            if (_model.SwapSuccessProbability >= 1 || _swapStream.NextBernoulli(_model.SwapSuccessProbability))
            {
                demand.QubitAgeSumPs += ageSum / (double)leaves.Length;
                demand.Deliver(now);
            }
            else
            {
                demand.FailedSwaps++;
            }
        }
    }

    // The servable request the policy picks among the candidates, or -1 when none is servable.
    private int Choose(int[] candidates, long now)
    {
        int best = -1;
        long bestKey = 0;
        double weightSum = 0;
        Span<int> servable = candidates.Length <= 64 ? stackalloc int[candidates.Length] : new int[candidates.Length];
        int count = 0;
        foreach (int d in candidates)
        {
            if (!Servable(d, now))
            {
                continue;
            }
            long key = Key(d);
            if (best < 0 || key < bestKey)
            {
                (best, bestKey) = (d, key);
            }
            servable[count++] = d;
            weightSum += _weights[d];
        }
        if (_model.Policy != SwitchPolicy.Weighted || count <= 1)
        {
            return best;
        }
        double draw = _policyStream.NextDouble() * weightSum;
        for (int i = 0; i < count - 1; i++)
        {
            draw -= _weights[servable[i]];
            if (draw < 0)
            {
                return servable[i];
            }
        }
        return servable[count - 1];
    }

    // Smaller is served first: the oldest head qubit, or minus the total occupancy (ties: file order).
    private long Key(int d)
    {
        int[] leaves = _leavesOf[d];
        long key = _model.Policy == SwitchPolicy.OldestFirst ? long.MaxValue : 0;
        for (int i = 0; i < leaves.Length; i++)
        {
            LeafBuffer buffer = _buffers[leaves[i]];
            key = _model.Policy == SwitchPolicy.OldestFirst ? Math.Min(key, buffer.OldestArrival) : key - buffer.Count;
        }
        return key;
    }

    private bool Servable(int d, long now)
    {
        if (!_demands[d].Waiting)
        {
            return false;
        }
        int[] leaves = _leavesOf[d];
        for (int i = 0; i < leaves.Length; i++)
        {
            LeafBuffer buffer = _buffers[leaves[i]];
            buffer.DiscardDue(now);
            if (buffer.Count == 0)
            {
                return false;
            }
        }
        return true;
    }

    private int[] Single(int demand)
    {
        _single[0] = demand;
        return _single;
    }

    private void ScheduleHerald(int leaf)
    {
        SwitchLeaf spec = _model.Leaves[leaf];
        long attempts = _leafStreams[leaf].NextGeometric(spec.SuccessProbability);
        _attempts[leaf] += attempts;
        long delay = attempts > long.MaxValue / spec.AttemptDuration.Picoseconds ? long.MaxValue / 2 : attempts * spec.AttemptDuration.Picoseconds;
        if (delay <= SimTime.Horizon.Picoseconds - _sim.Now.Picoseconds)
        {
            _nextHerald[leaf] = _sim.Now.Picoseconds + delay;
            _sim.Schedule(new SimTime(delay), this, LeafHerald, leaf);
        }
    }

    private void ScheduleRequest(int demand)
    {
        double gap = _demandStreams[demand].NextExponential(_demands[demand].Demand.RateHz!.Value);
        if (gap < Scenarios.Scenario.MaxDurationSeconds)
        {
            _sim.Schedule(SimTime.FromSeconds(gap), this, RequestArrival, demand);
        }
    }
}
