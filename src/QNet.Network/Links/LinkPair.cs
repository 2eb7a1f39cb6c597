using QNet.Kernel;
using QNet.Physics.Hardware;
using QNet.Physics.States;

namespace QNet.Network.Links;

/// <summary>
/// A heralded pair held in the two nodes' memories. Its state is recorded as of
/// <see cref="HeraldTime"/>; decoherence after that is applied lazily by <see cref="StateAt"/>
/// when the pair is next used.
/// </summary>
/// <param name="Channel">The link channel (memory slot pair) holding it.</param>
/// <param name="HeraldTime">When both nodes learned of it.</param>
/// <param name="State">Its state at <paramref name="HeraldTime"/>.</param>
/// <param name="DarkCount">True when a dark count, not a photon of the pair, made the herald (a false herald).</param>
public readonly record struct LinkPair(int Channel, SimTime HeraldTime, BellDiagonalState State, bool DarkCount = false)
{
    /// <summary>The state at <paramref name="now"/>, after both halves decohered in their memories since the herald.</summary>
    public BellDiagonalState StateAt(SimTime now, QuantumMemory memoryA, QuantumMemory memoryB)
    {
        double waited = (now - HeraldTime).Seconds;
        return State.Decohere(waited, memoryA.T1Seconds, memoryA.T2Seconds)
                    .Decohere(waited, memoryB.T1Seconds, memoryB.T2Seconds);
    }
}
