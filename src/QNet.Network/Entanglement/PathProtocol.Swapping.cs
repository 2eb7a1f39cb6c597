using QNet.Kernel;
using QNet.Physics.States;

namespace QNet.Network.Entanglement;

/// <summary>The path protocol's swapping: extending stored pairs across repeaters, delivering end-to-end pairs, and the per-position pair lists.</summary>
internal sealed partial class PathProtocol
{
    // Swap as far as the plan allows: first at the pair's left end, then at its right end, repeatedly.
    private void Extend(VirtualPair pair)
    {
        while (true)
        {
            int a = pair.Left, b = pair.Right;
            if (a > 0 && Partner(_leftOf, pair, a, fromLeft: true) is { } left)
            {
                if (Swap(a, left, pair) is not { } joined)
                {
                    return;
                }
                pair = joined;
                continue;
            }
            if (b < _k && Partner(_rightOf, pair, b, fromLeft: false) is { } right)
            {
                if (Swap(b, pair, right) is not { } joined)
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
            Unstore(pair);
            long due = Math.Max(_sim.Now.Picoseconds, pair.ReadyAt);
            pair.ReadyAt = long.MinValue; // handed over: cutoffs no longer apply
            _sim.ScheduleAt(new SimTime(due), this, DeliveryEvent, PairPool.Pack(pair));
        }
    }

    // The oldest stored pair at this repeater on the other side that the plan lets it swap with.
    private VirtualPair? Partner(PositionShelves shelves, VirtualPair pair, int node, bool fromLeft)
    {
        int count = shelves.CountAt(node);
        for (int i = 0; i < count; i++)
        {
            VirtualPair c = shelves.At(node, i);
            if (!ReferenceEquals(c, pair) && (fromLeft ? _plan.Allows(node, c.Left, pair.Right) : _plan.Allows(node, pair.Left, c.Right)))
            {
                return c;
            }
        }
        return null;
    }

    private VirtualPair? Swap(int node, VirtualPair left, VirtualPair right)
    {
        long now = _sim.Now.Picoseconds;
        int a = left.Left, b = right.Right;
        ref readonly PathSite here = ref _sites[node];
        ref readonly PathSite leftEnd = ref _sites[a];
        ref readonly PathSite rightEnd = ref _sites[b];
        var leftState = left.StateAt(now, leftEnd, here);
        var rightState = right.StateAt(now, here, rightEnd);
        Statistics.SwapAttempts++;
        Unstore(left);
        Unstore(right);
        List<int>? interior = null;
        if (!_memory.Pipelining)
        {
            interior = [.. left.Interior ?? [], .. right.Interior ?? [], node];
        }
        else
        {
            // Measured: this repeater's two slots are free for new link pairs at once.
            _slots.Free(node, leftSide: true);
            _slots.Free(node, leftSide: false);
        }
        // The outcome leaves after the repeater's processing and is acted on after each end's own.
        long news = now + here.Processing
            + Math.Max(here.Position - leftEnd.Position + leftEnd.Processing, rightEnd.Position - here.Position + rightEnd.Processing);
        bool failed = here.SwapSuccess < 1 && _random.NextDouble() >= here.SwapSuccess;
        _observer?.SwapAttempted(node, !failed);
        if (failed)
        {
            // Both inputs are lost; their far slots are freed once the farther end has heard.
            _observer?.PairLost(LossReason.SwapFailed);
            _pool.Return(left);
            _pool.Return(right);
            if (news == now)
            {
                FreeEnds(a, b, interior);
            }
            else
            {
                ScheduleRelease(news, a, b, interior);
            }
            return null;
        }
        Statistics.SwapSuccesses++;
        VirtualPair joined = _pool.Rent(a, b);
        joined.State = BellDiagonalState.Swap(leftState, rightState, here.GateDepolarizing, here.ReadoutError);
        joined.StateTime = now;
        joined.Born = Math.Min(left.Born, right.Born);
        joined.ReadyAt = Math.Max(news, Math.Max(left.ReadyAt, right.ReadyAt));
        joined.Interior = interior;
        _pool.Return(left);
        _pool.Return(right);
        Store(joined);
        if (_cutoff != long.MaxValue)
        {
            long due = SaturatingAdd(joined.Born, _cutoff);
            _cutoffs.Add(Math.Max(due, now), PairPool.Pack(joined));
        }
        return joined;
    }

    private void Deliver(VirtualPair pair)
    {
        long now = _sim.Now.Picoseconds;
        var state = pair.StateAt(now, _sites[0], _sites[_k]);
        double waited = (now - _lastDelivery) / 1e12;
        _lastDelivery = now;
        Statistics.EndToEndPairs++;
        Statistics.WaitingTimes++;
        Statistics.WaitingTimeSumSeconds += waited;
        Statistics.WaitingTimeSumSquares += waited * waited;
        _consumer.OnEndToEnd(this, PairPool.Pack(pair), state, pair.Born);
    }

    private void Store(VirtualPair p)
    {
        _rightOf.Add(p.Left, p);
        _leftOf.Add(p.Right, p);
    }

    private void Unstore(VirtualPair p)
    {
        _rightOf.Remove(p.Left, p);
        _leftOf.Remove(p.Right, p);
    }
}
