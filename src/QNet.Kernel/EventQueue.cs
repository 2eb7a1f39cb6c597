using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace QNet.Kernel;

/// <summary>
/// The pending events, ordered by (time, priority, insertion sequence): equal-time, equal-priority
/// events run first in, first out, which keeps runs reproducible (.NET's PriorityQueue is not stable).
/// A 4-ary heap of 16-byte entries (time, priority, slot) points into a pool of slots that hold each
/// event's target, kind, argument and sequence; slots are recycled, so a steady-state run allocates
/// nothing per event. Cancellation marks the slot; the heap entry is skipped when it reaches the top.
/// </summary>
/// <remarks>
/// Layout, for long chains whose queue holds 10⁴–10⁵ events: a node's four children are 64 bytes side by
/// side, placed on one cache line (<see cref="AlignedEntries"/>), half the levels of a binary heap; the
/// sequence, needed only when time and priority tie, is read from the slot instead of widening every entry;
/// a slot is one 32-byte entry. A pop moves the hole to a leaf along the earliest children and lifts the last
/// entry from there (bottom-up), one comparison per level fewer than a classic sift-down; the earliest of four
/// children is found by (time, priority) without branches, and only a tie in both takes the full comparison. The order is
/// a strict total order (the sequence is unique), so neither the arity, the sift strategy nor the way the
/// earliest child is found ever changes which event runs next.
/// </remarks>
internal sealed class EventQueue
{
    // From this many pending events on (16 KiB of heap, 32 KiB of slots: more than the first-level cache holds) a pop
    // prefetches down the heap and the next slots; below it everything is in cache already and the hints only cost.
    private const int PrefetchFrom = 1024;

    // Marks a cancelled slot in place of its target; never dispatched.
    private static readonly object CancelledMark = new();

    private AlignedEntries _heap = new(256);
    private int _count;
    private long _nextSequence;

    private SlotEntry[] _slots = new SlotEntry[256];
    private int[] _freeSlots = new int[256];
    private int _freeCount;
    private int _slotsUsed;

    // One event's payload, 32 bytes: what a pop reads of a slot is one entry instead of five arrays.
    private struct SlotEntry
    {
        public object? Target;   // null when free, CancelledMark once cancelled
        public long Argument;
        public long Sequence;
        public int Kind;
        public int Generation;
    }

    /// <summary>Entries in the heap, cancelled ones included until they surface.</summary>
    public int Count => _count;

    /// <summary>Adds an event; the target is an <see cref="IEventHandler"/> or an <see cref="Action"/>.</summary>
    public EventHandle Push(long time, int priority, object target, int kind, long argument) =>
        Push(time, priority, target, kind, argument, _nextSequence++);

    /// <summary>Takes the next insertion sequence number without adding an event: the same counter <see cref="Push(long, int, object, int, long)"/> advances.</summary>
    public long ReserveSequence() => _nextSequence++;

    /// <summary>
    /// Adds an event with a sequence number taken earlier from <see cref="ReserveSequence"/>: it is ordered exactly as
    /// if it had been pushed when the number was reserved. Each reserved number is used at most once.
    /// </summary>
    /// <remarks>Times are never negative (the simulator schedules from its clock forward), which the heap relies on.</remarks>
    public EventHandle Push(long time, int priority, object target, int kind, long argument, long sequence)
    {
        int slot = RentSlot();
        ref SlotEntry entry = ref _slots[slot];
        entry.Target = target;
        entry.Kind = kind;
        entry.Argument = argument;
        entry.Sequence = sequence;

        if (_count == _heap.Capacity)
        {
            _heap = _heap.Grow(_count);
        }
        SiftUp(_count++, new HeapEntry { Time = time, Priority = priority, Slot = slot });
        return new EventHandle(slot, entry.Generation);
    }

    /// <summary>Marks the event as cancelled; false when the handle is stale.</summary>
    public bool Cancel(EventHandle handle)
    {
        int slot = handle.Slot;
        if ((uint)slot >= (uint)_slotsUsed)
        {
            return false;
        }
        ref SlotEntry entry = ref _slots[slot];
        if (entry.Generation != handle.Generation || entry.Target is null || ReferenceEquals(entry.Target, CancelledMark))
        {
            return false;
        }
        entry.Target = CancelledMark;
        return true;
    }

    /// <summary>
    /// Removes the earliest live event if it is due at or before <paramref name="limit"/> (cancelled ones
    /// on top are discarded on the way); false, leaving it queued, when none is due.
    /// </summary>
    public bool TryPopDue(long limit, out long time, out object target, out int kind, out long argument)
    {
        while (_count > 0)
        {
            HeapEntry top = _heap[0];
            ref SlotEntry entry = ref _slots[top.Slot];
            object popped = entry.Target!;
            bool cancelled = ReferenceEquals(popped, CancelledMark);
            if (!cancelled && top.Time > limit)
            {
                break;
            }
            RemoveTop();
            kind = entry.Kind;
            argument = entry.Argument;
            ReturnSlot(top.Slot);
            if (!cancelled)
            {
                time = top.Time;
                target = popped;
                PrefetchNextTarget();
                return true;
            }
        }
        time = 0;
        target = null!;
        kind = 0;
        argument = 0;
        return false;
    }

    // The next event's handler object is asked into the cache while the current event runs: in a long chain each event
    // wakes a different link, cold in cache, and its first lines are then on their way before its handler starts.
    // A hint that changes nothing the program reads.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchNextTarget()
    {
        if (!Sse.IsSupported || _count == 0)
        {
            return;
        }
        AlignedEntries heap = _heap;
        // The next event's slot was asked for by the pop before (the new top was one of the old top's children); the
        // slots of the new top's children, one of which comes next after it, are asked for now.
        int children = _count >= PrefetchFrom ? Math.Min(_count, 5) : 1;
        for (int i = 1; i < children; i++)
        {
            Hint(ref _slots[heap[i].Slot]);
        }
        object? next = _slots[heap[0].Slot].Target;
        if (next is null)
        {
            return;
        }
        nint address = Unsafe.As<object, nint>(ref next);
        unsafe
        {
            // SAFETY: a prefetch never faults and loads nothing into a register, so the address needs no pinning: should
            // the collector move the object meanwhile, the hint is merely wasted. Six lines: the first 384 bytes from
            // the method table pointer, all of a one-channel link runtime (about 350 bytes; its delivered state, which
            // every herald reads, lies at 304–336, past five lines).
            Sse.Prefetch0((void*)address);
            Sse.Prefetch0((void*)(address + 64));
            Sse.Prefetch0((void*)(address + 128));
            Sse.Prefetch0((void*)(address + 192));
            Sse.Prefetch0((void*)(address + 256));
            Sse.Prefetch0((void*)(address + 320));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Hint(ref SlotEntry entry)
    {
        unsafe
        {
            // SAFETY: the address of a live array element, prefetched and never read through: should the collector move
            // the array meanwhile, the hint is merely wasted.
            Sse.Prefetch0(Unsafe.AsPointer(ref entry));
        }
    }

    /// <summary>The time of the next event that would run, without running it; cancelled entries on top are discarded.</summary>
    public bool TryPeekTime(out long time)
    {
        while (_count > 0)
        {
            HeapEntry top = _heap[0];
            if (!ReferenceEquals(_slots[top.Slot].Target, CancelledMark))
            {
                time = top.Time;
                return true;
            }
            RemoveTop();
            ReturnSlot(top.Slot);
        }
        time = 0;
        return false;
    }

    /// <summary>Drops every pending event.</summary>
    public void Clear()
    {
        while (_count > 0)
        {
            int slot = _heap[0].Slot;
            RemoveTop();
            ReturnSlot(slot);
        }
    }

    private int RentSlot()
    {
        if (_freeCount > 0)
        {
            return _freeSlots[--_freeCount];
        }
        if (_slotsUsed == _slots.Length)
        {
            int size = _slots.Length * 2;
            Array.Resize(ref _slots, size);
            Array.Resize(ref _freeSlots, size);
        }
        return _slotsUsed++;
    }

    private void ReturnSlot(int slot)
    {
        ref SlotEntry entry = ref _slots[slot];
        entry.Target = null;
        entry.Generation++;
        _freeSlots[_freeCount++] = slot;
    }

    // Bottom-up removal: the hole at the root follows the earliest child down to a leaf, then the last entry
    // is lifted from there to its place.
    private void RemoveTop()
    {
        int last = --_count;
        if (last == 0)
        {
            return;
        }
        AlignedEntries heap = _heap;
        bool deep = last >= PrefetchFrom;
        int hole = 0;
        while (true)
        {
            int first = (hole << 2) + 1;
            if (first >= last)
            {
                break;
            }
            int grandchildren = (first << 2) + 1;
            if (deep && grandchildren < last)
            {
                // The next level's group is one of the four lines the children's children fill, side by side: asked for
                // now, it is on its way while this level is compared, instead of each level's load waiting for the last.
                heap.Prefetch(grandchildren, lines: 4);
            }
            int child = first + 4 <= last ? EarliestOfFour(heap, first) : EarliestOfFew(heap, first, last);
            heap[hole] = heap[child];
            hole = child;
        }
        SiftUp(hole, heap[last]);
    }

    // The earliest of the four entries from first on: a tournament on (time, priority) whose comparisons are turned into
    // 0/1 values and index arithmetic instead of branches (which of four children is earliest is a coin toss the branch
    // predictor loses about half the time). Only when two compared entries tie on both does the sequence decide, on the
    // full comparison's path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int EarliestOfFour(AlignedEntries heap, int first)
    {
        ref HeapEntry e0 = ref heap[first];
        ref HeapEntry e1 = ref heap[first + 1];
        ref HeapEntry e2 = ref heap[first + 2];
        ref HeapEntry e3 = ref heap[first + 3];
        int left = first + EarlierByKey(e1, e0);
        int right = first + 2 + EarlierByKey(e3, e2);
        int tie = TieByKey(e1, e0) | TieByKey(e3, e2);
        ref HeapEntry a = ref heap[left];
        ref HeapEntry b = ref heap[right];
        int second = EarlierByKey(b, a);
        if ((tie | TieByKey(b, a)) != 0)
        {
            return EarliestOfFew(heap, first, first + 4);
        }
        return left + ((right - left) & -second);
    }

    // 1 when a comes before b by (time, priority), else 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EarlierByKey(in HeapEntry a, in HeapEntry b) =>
        (a.Time < b.Time ? 1 : 0) | ((a.Time == b.Time ? 1 : 0) & (a.Priority < b.Priority ? 1 : 0));

    // 1 when a and b have the same time and priority (their sequences decide), else 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TieByKey(in HeapEntry a, in HeapEntry b) =>
        (a.Time == b.Time ? 1 : 0) & (a.Priority == b.Priority ? 1 : 0);

    private int EarliestOfFew(AlignedEntries heap, int first, int end)
    {
        int child = first;
        for (int c = first + 1; c < end; c++)
        {
            if (Before(heap[c], heap[child]))
            {
                child = c;
            }
        }
        return child;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Before(in HeapEntry a, in HeapEntry b) =>
        a.Time != b.Time ? a.Time < b.Time
        : a.Priority != b.Priority ? a.Priority < b.Priority
        : _slots[a.Slot].Sequence < _slots[b.Slot].Sequence;

    private void SiftUp(int index, HeapEntry entry)
    {
        AlignedEntries heap = _heap;
        while (index > 0)
        {
            int parent = (index - 1) >> 2;
            if (!Before(entry, heap[parent]))
            {
                break;
            }
            heap[index] = heap[parent];
            index = parent;
        }
        heap[index] = entry;
    }
}
