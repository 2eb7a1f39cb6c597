using QNet.Physics.Hardware;
using QNet.Physics.Noise;
using QNet.Physics.States;

namespace QNet.Physics.Tests.Noise;

/// <summary>
/// The properties lazy decoherence rests on: the network applies T1/T2 to a stored pair only when it next touches it
/// (<c>PairRecord.StateAt</c>, <c>PurificationBuffer</c>), for the whole time since the last touch, so applying the
/// memory channel in many steps must equal applying it once, on both state representations.
/// </summary>
public class LazyDecoherenceTests
{
    // Exact: decoherence factors are products of a few exponentials; splitting time changes only rounding.
    private const double Exact = 1e-12;

    private static readonly QuantumMemory Memory = new(Slots: 2, T1Seconds: 2.0, T2Seconds: 0.5);

    private static BellDiagonalState Decohere(BellDiagonalState state, QuantumMemory memory, double seconds) =>
        state.Decohere(seconds, memory.T1Seconds, memory.T2Seconds);

    [Fact]
    public void Decohere_BellDiagonalOneHalf_AppliesT1T2Formula()
    {
        const double t = 0.3;
        var state = Decohere(BellDiagonalState.Perfect, Memory, t);
        Assert.Equal((1 + Math.Exp(-t / 2.0) + 2 * Math.Exp(-t / 0.5)) / 4, state.Fidelity, Exact);
        Assert.Equal(Memory.FidelityAfter(t), state.Fidelity, Exact);
    }

    [Fact]
    public void Decohere_BellDiagonalManyStepsOrOnce_GivesSameState()
    {
        var often = BellDiagonalState.Werner(0.95);
        for (int step = 0; step < 20; step++)
        {
            often = Decohere(often, Memory, 0.037);
        }
        var once = Decohere(BellDiagonalState.Werner(0.95), Memory, 20 * 0.037);
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(once[k], often[k], Exact);
        }
    }

    [Fact]
    public void ApplyChannel_DensityMatrixManyStepsOrOnce_GivesSameExactState()
    {
        DensityMatrix often = DensityMatrix.Bell(0), once = DensityMatrix.Bell(0);
        for (int step = 0; step < 10; step++)
        {
            often.ApplyChannel(MemoryDecoherenceChannel.For(Memory, 0.05), 1);
        }
        once.ApplyChannel(MemoryDecoherenceChannel.For(Memory, 0.5), 1);
        Assert.True(often.MaxDifference(once) < Exact);
        Assert.Equal(Memory.FidelityAfter(0.5), often.Fidelity, Exact);
    }

    [Fact]
    public void Decohere_HalvesInDifferentMemories_AppliesEachMemory()
    {
        var fast = new QuantumMemory(T1Seconds: double.PositiveInfinity, T2Seconds: 0.1);
        var slow = new QuantumMemory(T1Seconds: double.PositiveInfinity, T2Seconds: 1.0);
        var pair = Decohere(Decohere(BellDiagonalState.Perfect, fast, 0.2), slow, 0.2);
        // Pure dephasing on both halves: coherence factors multiply, F = (1 + e^{−t/T2a}·e^{−t/T2b})/2.
        Assert.Equal((1 + Math.Exp(-0.2 / 0.1) * Math.Exp(-0.2 / 1.0)) / 2, pair.Fidelity, Exact);
    }

    [Fact]
    public void Decohere_IdealMemory_LeavesStateUnchanged() =>
        Assert.Equal(BellDiagonalState.Werner(0.9), Decohere(BellDiagonalState.Werner(0.9), QuantumMemory.Ideal, 100));
}
