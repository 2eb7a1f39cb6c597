using System.Runtime.InteropServices;
using QNet.Kernel;
using QNet.Physics.States;

namespace QNet.Network.Links;

/// <summary>
/// What a herald and a restart of one link read and write (channel 0's state, both random streams, the attempt physics,
/// the delivered state and the counters), kept with the other links of its path in one <see cref="LinkTable"/>.
/// </summary>
/// <remarks>
/// Four 64-byte lines in this order: a restart (a freed channel attempting again) reads and writes only the first two;
/// a herald all four. The table aligns every entry to a line, so the neighbours a swap wakes lie next to the link that
/// heralded.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Size = Bytes)]
internal struct LinkHotState
{
    /// <summary>The entry's size: four cache lines.</summary>
    public const int Bytes = 256;

    // Line 0: the attempt stream and channel 0 (32 bytes each).
    public RandomState Random;
    public ChannelState First;

    // Line 1: the attempt physics (copied out of the physics record), flags and the counters of every herald.
    public long Cycle;           // ps
    public long Latency;         // ps
    public double SuccessProbability;
    public double LogFailure;    // log(1 − p): the geometric draw's divisor, computed once
    public long AttemptCount;
    public long PairCount;
    public int Priority;         // orders this link's events among others at the same time
    public int MoreChannels;     // where channels 1.. of this link start in the table's channel array
    public bool Stopped;
    public bool Shared;          // draws its attempt capacity from a shared channel pool

    // Lines 2 and 3: read and written by a herald only.
    public RandomState Origin;   // dark-count or photon herald: its own stream, so the attempt draws stay as they were
    public BellDiagonalState Delivered;
    public double FidelitySum;
    public double HeraldingLatencySumSeconds;
    public double LatencySeconds;
    public double TrueHeraldFraction;
    public long DarkCountHeraldCount;
}
