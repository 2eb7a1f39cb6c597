using System.Runtime.CompilerServices;
using QNet.Kernel;
using QNet.Physics.States;

namespace QNet.Network.Entanglement;

/// <summary>The path protocol's swapping: extending stored pairs across repeaters, delivering end-to-end pairs, and the per-position pair shelves.</summary>
internal sealed partial class PathProtocol
{
    private const int NoPair = -1;

    // Swap as far as the plan allows: first at the pair's left end, then at its right end, repeatedly.
    private void Extend(int pair)
    {
        while (true)
        {
            int a = _pairs[pair].Left, b = _pairs[pair].Right;
            int joined;
            if (a > 0 && Partner(PairSide.Left, pair, a, fromLeft: true) is var left && left != NoPair)
            {
                joined = Swap(a, left, pair);
            }
            else if (b < _k && Partner(PairSide.Right, pair, b, fromLeft: false) is var right && right != NoPair)
            {
                joined = Swap(b, pair, right);
            }
            else
            {
                break;
            }
            if (joined == NoPair)
            {
                return;
            }
            pair = joined;
        }
        ref PairRecord done = ref _pairs[pair];
        if (done.Left == 0 && done.Right == _k)
        {
            Unstore(pair);
            long due = Math.Max(_sim.Now.Picoseconds, done.ReadyAt);
            done.ReadyAt = long.MinValue; // handed over: cutoffs no longer apply
            _sim.ScheduleAt(new SimTime(due), this, DeliveryEvent, _pairs.Pack(pair));
        }
    }

    // A link pair of link j is about to be stored and swapped with the oldest pair ending at j and the oldest starting at
    // j + 1 (the usual partners). Those were stored long ago and no event touched them since, so they, the far positions
    // they reach, the measurement entry of the swapping position and the neighbouring link its freed slot wakes are cold,
    // and in the swaps each load would wait for the one before it: the records are asked into the cache first, then the
    // rest, and the far positions as soon as the records name them. Hints only; nothing the program reads changes.
    private void PrefetchPartners(int link)
    {
        ref PathSite left = ref _positions[link];
        ref PathSite right = ref _positions[link + 1];
        int leftPartner = left.LeftCount > 0 ? left.LeftFirst : NoPair;
        int rightPartner = right.RightCount > 0 ? right.RightFirst : NoPair;
        if (leftPartner != NoPair)
        {
            _pairs.Prefetch(leftPartner);
        }
        if (rightPartner != NoPair)
        {
            _pairs.Prefetch(rightPartner);
        }
        if (leftPartner != NoPair)
        {
            Hint.Prefetch(ref _swaps[link], lines: 1);
            if (link > 0)
            {
                Hint.Prefetch(_links[link - 1], lines: 3);
            }
        }
        if (rightPartner != NoPair)
        {
            Hint.Prefetch(ref _swaps[link + 1], lines: 1);
            if (link + 1 < _k)
            {
                Hint.Prefetch(_links[link + 1], lines: 3);
            }
        }
        if (leftPartner != NoPair)
        {
            _positions.Prefetch(_pairs[leftPartner].Left);
        }
        if (rightPartner != NoPair)
        {
            _positions.Prefetch(_pairs[rightPartner].Right);
        }
    }

    // The oldest stored pair at this repeater on the other side that the plan lets it swap with.
    private int Partner(PairSide side, int pair, int node, bool fromLeft)
    {
        int count = _positions.CountAt(node, side);
        for (int i = 0; i < count; i++)
        {
            int c = _positions.At(node, side, i);
            if (c != pair && (!_plan.Nested
                || (fromLeft ? _plan.Allows(node, _pairs[c].Left, _pairs[pair].Right) : _plan.Allows(node, _pairs[pair].Left, _pairs[c].Right))))
            {
                return c;
            }
        }
        return NoPair;
    }

    private int Swap(int node, int leftPair, int rightPair)
    {
        long now = _sim.Now.Picoseconds;
        ref PairRecord left = ref _pairs[leftPair];
        ref PairRecord right = ref _pairs[rightPair];
        int a = left.Left, b = right.Right;
        ref readonly PathSite here = ref _positions[node];
        ref readonly PathSite leftEnd = ref _positions[a];
        ref readonly PathSite rightEnd = ref _positions[b];
        ref readonly SwapPhysics measurement = ref _swaps[node];
        long born = Math.Min(left.Born, right.Born);
        long ready = Math.Max(left.ReadyAt, right.ReadyAt);
        Statistics.SwapAttempts++;
        Unstore(leftPair);
        Unstore(rightPair);
        List<int>? interior = null;
        if (!_memory.Pipelining)
        {
            interior = InteriorAfter(leftPair, rightPair, node);
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
        bool failed = measurement.SwapSuccess < 1 && _random.NextDouble() >= measurement.SwapSuccess;
        _observer?.SwapAttempted(node, !failed);
        if (failed)
        {
            // Both inputs are lost; their far slots are freed once the farther end has heard.
            _observer?.PairLost(LossReason.SwapFailed);
            _pairs.Return(leftPair);
            _pairs.Return(rightPair);
            if (news == now)
            {
                FreeEnds(a, b, interior);
            }
            else
            {
                ScheduleRelease(news, a, b, interior);
            }
            return NoPair;
        }
        Statistics.SwapSuccesses++;
        // Decoherence up to now only for a swap that succeeds: a failed one loses both inputs, whose states nothing reads
        // again (it draws no random number either, so every stream keeps its order).
        var leftState = left.StateAt(now, leftEnd, here);
        var rightState = right.StateAt(now, here, rightEnd);
        var state = BellDiagonalState.Swap(leftState, rightState, measurement.GateDepolarizing, measurement.ReadoutError);
        // Renting may move the records: left and right are not read after this point.
        int joinedPair = _pairs.Rent(a, b);
        ref PairRecord joined = ref _pairs[joinedPair];
        joined.State = state;
        joined.StateTime = now;
        joined.Born = born;
        joined.ReadyAt = Math.Max(news, ready);
        _pairs.SetInterior(joinedPair, interior);
        _pairs.Return(leftPair);
        _pairs.Return(rightPair);
        Store(joinedPair);
        if (_cutoff != long.MaxValue)
        {
            long due = SaturatingAdd(joined.Born, _cutoff);
            _cutoffs.Defer(Math.Max(due, now), _pairs.Pack(joinedPair));
        }
        return joinedPair;
    }

    // Without pipelining: the repeater positions a swap's result keeps occupied, its inputs' and its own. Kept out of
    // Swap, like ScheduleRelease: inlined, their temporaries hold object references, which made every swap clear a
    // large stack frame on entry.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private List<int> InteriorAfter(int leftPair, int rightPair, int node) =>
        [.. _pairs.InteriorOf(leftPair) ?? [], .. _pairs.InteriorOf(rightPair) ?? [], node];

    private void Deliver(int pair)
    {
        long now = _sim.Now.Picoseconds;
        var state = _pairs[pair].StateAt(now, _positions[0], _positions[_k]);
        double waited = (now - _lastDelivery) / 1e12;
        _lastDelivery = now;
        Statistics.EndToEndPairs++;
        Statistics.WaitingTimes++;
        Statistics.WaitingTimeSumSeconds += waited;
        Statistics.WaitingTimeSumSquares += waited * waited;
        _consumer.OnEndToEnd(this, _pairs.Pack(pair), state, _pairs[pair].Born);
    }

    private void Store(int pair)
    {
        _positions.Add(_pairs[pair].Left, PairSide.Right, pair);
        _positions.Add(_pairs[pair].Right, PairSide.Left, pair);
    }

    private void Unstore(int pair)
    {
        _positions.Remove(_pairs[pair].Left, PairSide.Right, pair);
        _positions.Remove(_pairs[pair].Right, PairSide.Left, pair);
    }
}
