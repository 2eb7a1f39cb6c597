using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace QNet.Network.Entanglement;

/// <summary>
/// Cache hints for the swapping hot path: asks data that will be read soon into the cache while other work goes on.
/// A prefetch never faults and changes nothing the program reads; without SSE it does nothing.
/// </summary>
internal static class Hint
{
    /// <summary>Prefetches the <paramref name="lines"/> cache lines starting at an array element or field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch<T>(ref T start, int lines)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        unsafe
        {
            // SAFETY: the address of a live element, only prefetched and never read through: should the collector
            // move its array meanwhile, the hint is merely wasted.
            byte* address = (byte*)Unsafe.AsPointer(ref start);
            for (int line = 0; line < lines; line++)
            {
                Sse.Prefetch0(address + 64 * line);
            }
        }
    }

    /// <summary>Prefetches the first <paramref name="lines"/> cache lines of an object (its header and first fields).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch(object target, int lines)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        nint address = Unsafe.As<object, nint>(ref target);
        unsafe
        {
            // SAFETY: as above: the object's address now, prefetched and never read through.
            for (int line = 0; line < lines; line++)
            {
                Sse.Prefetch0((void*)(address + 64 * line));
            }
        }
    }
}
