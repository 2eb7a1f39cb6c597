using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace QNet.Kernel;

/// <summary>
/// The pending events, ordered by (time, priority, insertion sequence): equal-time, equal-priority
/// events run first in, first out, which keeps runs reproducible (.NET's PriorityQueue is not stable).
/// A 4-ary heap of 16-byte entries (time, priority, slot) points into a pool of slots that hold each
/// event's target, kind, argument and sequence; slots are recycled, so a steady-state run allocates
/// nothing per event. Cancellation sets a flag on the slot; the heap entry is skipped when it reaches the top.
/// </summary>
/// <remarks>
/// Layout, for long chains whose queue holds 10⁴–10⁵ events: a node's four children are 64 bytes side by
/// side, half the levels of a binary heap; the sequence, needed only when time and priority tie, is read
/// from the slot instead of widening every entry. A pop moves the hole to a leaf along the earliest
/// children and lifts the last entry from there (bottom-up), one comparison per level fewer than a
/// classic sift-down. The order is a strict total order (the sequence is unique), so neither the arity
/// nor the sift strategy ever changes which event runs next.
/// </remarks>
internal sealed class EventQueue
{
    private struct HeapEntry
    {
        public long Time;
        public int Priority;
        public int Slot;
    }

    private HeapEntry[] _heap = new HeapEntry[256];
    private int _count;
    private long _nextSequence;

    // Slot pool, struct-of-arrays.
    private object?[] _targets = new object?[256];
    private int[] _kinds = new int[256];
    private long[] _arguments = new long[256];
    private long[] _sequences = new long[256];
    private int[] _generations = new int[256];
    private bool[] _cancelled = new bool[256];
    private int[] _freeSlots = new int[256];
    private int _freeCount;
    private int _slotsUsed;

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
    public EventHandle Push(long time, int priority, object target, int kind, long argument, long sequence)
    {
        int slot = RentSlot();
        _targets[slot] = target;
        _kinds[slot] = kind;
        _arguments[slot] = argument;
        _sequences[slot] = sequence;
        _cancelled[slot] = false;

        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }
        SiftUp(_count++, new HeapEntry { Time = time, Priority = priority, Slot = slot });
        return new EventHandle(slot, _generations[slot]);
    }

    /// <summary>Flags the event as cancelled; false when the handle is stale.</summary>
    public bool Cancel(EventHandle handle)
    {
        int slot = handle.Slot;
        if ((uint)slot >= (uint)_slotsUsed || _generations[slot] != handle.Generation || _cancelled[slot] || _targets[slot] is null)
        {
            return false;
        }
        _cancelled[slot] = true;
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
            int slot = top.Slot;
            bool cancelled = _cancelled[slot];
            if (!cancelled && top.Time > limit)
            {
                break;
            }
            RemoveTop();
            target = _targets[slot]!;
            kind = _kinds[slot];
            argument = _arguments[slot];
            ReturnSlot(slot);
            if (!cancelled)
            {
                time = top.Time;
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
        object? next = _targets[_heap[0].Slot];
        if (next is null)
        {
            return;
        }
        nint address = Unsafe.As<object, nint>(ref next);
        unsafe
        {
            // SAFETY: a prefetch never faults and loads nothing into a register, so the address needs no pinning: should
            // the collector move the object meanwhile, the hint is merely wasted. Five lines: the object header and
            // the first 320 bytes of fields (most of a one-channel link runtime, which is about 350 bytes).
            Sse.Prefetch0((void*)address);
            Sse.Prefetch0((void*)(address + 64));
            Sse.Prefetch0((void*)(address + 128));
            Sse.Prefetch0((void*)(address + 192));
            Sse.Prefetch0((void*)(address + 256));
        }
    }

    /// <summary>The time of the next event that would run, without running it; cancelled entries on top are discarded.</summary>
    public bool TryPeekTime(out long time)
    {
        while (_count > 0)
        {
            int slot = _heap[0].Slot;
            if (!_cancelled[slot])
            {
                time = _heap[0].Time;
                return true;
            }
            RemoveTop();
            ReturnSlot(slot);
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
        if (_slotsUsed == _targets.Length)
        {
            int size = _targets.Length * 2;
            Array.Resize(ref _targets, size);
            Array.Resize(ref _kinds, size);
            Array.Resize(ref _arguments, size);
            Array.Resize(ref _sequences, size);
            Array.Resize(ref _generations, size);
            Array.Resize(ref _cancelled, size);
            Array.Resize(ref _freeSlots, size);
        }
        return _slotsUsed++;
    }

    private void ReturnSlot(int slot)
    {
        _targets[slot] = null;
        _generations[slot]++;
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
        HeapEntry[] heap = _heap;
        int hole = 0;
        while (true)
        {
            int first = (hole << 2) + 1;
            if (first >= last)
            {
                break;
            }
            int child = first;
            int end = Math.Min(first + 4, last);
            for (int c = first + 1; c < end; c++)
            {
                if (Before(heap[c], heap[child]))
                {
                    child = c;
                }
            }
            heap[hole] = heap[child];
            hole = child;
        }
        SiftUp(hole, heap[last]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Before(in HeapEntry a, in HeapEntry b) =>
        a.Time != b.Time ? a.Time < b.Time
        : a.Priority != b.Priority ? a.Priority < b.Priority
        : _sequences[a.Slot] < _sequences[b.Slot];

    private void SiftUp(int index, HeapEntry entry)
    {
        HeapEntry[] heap = _heap;
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
