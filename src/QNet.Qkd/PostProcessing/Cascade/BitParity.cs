using System.Numerics;
using System.Runtime.InteropServices;

namespace QNet.Qkd.PostProcessing.Cascade;

/// <summary>Parity of a run of bits stored one per byte (each byte 0 or 1).</summary>
internal static class BitParity
{
    /// <summary>XOR of all bytes' low bits; the bytes must hold 0 or 1.</summary>
    public static int Of(ReadOnlySpan<byte> bits)
    {
        ulong acc = 0;
        var words = MemoryMarshal.Cast<byte, ulong>(bits);
        foreach (ulong w in words)
        {
            acc ^= w;
        }
        int parity = BitOperations.PopCount(acc) & 1;
        for (int i = words.Length * 8; i < bits.Length; i++)
        {
            parity ^= bits[i];
        }
        return parity;
    }
}
