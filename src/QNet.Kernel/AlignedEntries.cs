using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace QNet.Kernel;

/// <summary>
/// The event queue's heap storage: <see cref="HeapEntry"/> values laid out so that the four children of every node of a
/// 4-ary heap (entries 4h + 1 to 4h + 4) share one 64-byte cache line. An ordinary array is only 8-byte aligned, so a
/// group of four would straddle two lines three times in four; this one lives in a pinned array (it never moves) and
/// starts at the offset that aligns the groups. Indexing is unchecked: callers stay below <see cref="Capacity"/>.
/// </summary>
internal readonly struct AlignedEntries
{
    private const int LongsPerEntry = 2;   // a HeapEntry is 16 bytes
    private const int SlackLongs = 8;      // room to shift the start by up to 56 bytes

    private readonly long[] _store;
    private readonly int _offset;          // in longs: where entry 0 starts

    /// <summary>Storage for <paramref name="capacity"/> entries.</summary>
    public AlignedEntries(int capacity)
    {
        _store = GC.AllocateArray<long>(capacity * LongsPerEntry + SlackLongs, pinned: true);
        Capacity = capacity;
        unsafe
        {
            // SAFETY: the array is pinned (allocated on the pinned object heap), so its address is fixed for its life.
            // Entry 1 (the first group of children) goes on a 64-byte boundary; the array is 8-byte aligned, so an offset
            // of 0 to 7 longs reaches one.
            nint entry1 = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_store)) + 16;
            _offset = (int)((64 - (entry1 & 63)) & 63) / sizeof(long);
        }
    }

    /// <summary>Entries this storage holds.</summary>
    public int Capacity { get; }

    /// <summary>Entry <paramref name="index"/>, which must lie in [0, <see cref="Capacity"/>).</summary>
    public ref HeapEntry this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            // SAFETY: callers index below Capacity (the queue's count never exceeds it), and _offset + 2·Capacity ≤ the
            // array's length, so the reference stays inside the array.
            ref long start = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_store), _offset + (index * LongsPerEntry));
            return ref Unsafe.As<long, HeapEntry>(ref start);
        }
    }

    /// <summary>Asks the <paramref name="lines"/> cache lines from entry <paramref name="index"/> on into the cache; a hint only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int index, int lines)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        unsafe
        {
            // SAFETY: a prefetch never faults and reads nothing into a register; the array is pinned and the caller's
            // entry lies below Capacity, though even an address past it would only waste the hint.
            byte* address = (byte*)Unsafe.AsPointer(ref this[index]);
            for (int line = 0; line < lines; line++)
            {
                Sse.Prefetch0(address + (64 * line));
            }
        }
    }

    /// <summary>A storage twice as large holding the first <paramref name="count"/> entries of this one.</summary>
    public AlignedEntries Grow(int count)
    {
        var grown = new AlignedEntries(Capacity * 2);
        for (int i = 0; i < count; i++)
        {
            grown[i] = this[i];
        }
        return grown;
    }
}
