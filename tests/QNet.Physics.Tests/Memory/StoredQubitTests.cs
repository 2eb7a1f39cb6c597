using QNet.Kernel;
using QNet.Physics.Hardware;
using QNet.Physics.Memory;
using QNet.Physics.States;

namespace QNet.Physics.Tests.Memory;

public class StoredQubitTests
{
    // Exact: decoherence factors are products of a few exponentials; splitting time changes only rounding.
    private const double Exact = 1e-12;

    private static readonly QuantumMemory Memory = new(Slots: 2, T1Seconds: 2.0, T2Seconds: 0.5);

    [Fact]
    public void Touch_BellDiagonalAfterElapsedTime_AppliesT1T2Formula()
    {
        var qubit = new StoredQubit(Memory, SimTime.FromMilliseconds(100));
        BellDiagonalState state = qubit.Touch(BellDiagonalState.Perfect, SimTime.FromMilliseconds(400));
        double t = 0.3;
        Assert.Equal((1 + Math.Exp(-t / 2.0) + 2 * Math.Exp(-t / 0.5)) / 4, state.Fidelity, Exact);
        Assert.Equal(SimTime.FromMilliseconds(400), qubit.LastTouched);
        Assert.Equal(Memory.FidelityAfter(t), state.Fidelity, Exact);
    }

    [Fact]
    public void Touch_ManyTimesOrOnce_GivesSameState()
    {
        var often = new StoredQubit(Memory, SimTime.Zero);
        var once = new StoredQubit(Memory, SimTime.Zero);
        BellDiagonalState a = BellDiagonalState.Werner(0.95);
        for (int ms = 37; ms <= 740; ms += 37)
        {
            a = often.Touch(a, SimTime.FromMilliseconds(ms));
        }
        BellDiagonalState b = once.Touch(BellDiagonalState.Werner(0.95), SimTime.FromMilliseconds(740));
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(b[k], a[k], Exact);
        }
    }

    [Fact]
    public void Touch_DensityMatrixManyTimesOrOnce_GivesSameExactState()
    {
        var often = new StoredQubit(Memory, SimTime.Zero);
        var once = new StoredQubit(Memory, SimTime.Zero);
        DensityMatrix a = DensityMatrix.Bell(0), b = DensityMatrix.Bell(0);
        for (int ms = 50; ms <= 500; ms += 50)
        {
            often.Touch(a, 1, SimTime.FromMilliseconds(ms));
        }
        once.Touch(b, 1, SimTime.FromMilliseconds(500));
        Assert.True(a.MaxDifference(b) < Exact);
        Assert.Equal(Memory.FidelityAfter(0.5), a.Fidelity, Exact);
    }

    [Fact]
    public void Touch_BothHalvesStoredInDifferentMemories_AppliesEachMemory()
    {
        var fast = new QuantumMemory(T1Seconds: double.PositiveInfinity, T2Seconds: 0.1);
        var slow = new QuantumMemory(T1Seconds: double.PositiveInfinity, T2Seconds: 1.0);
        var left = new StoredQubit(fast, SimTime.Zero);
        var right = new StoredQubit(slow, SimTime.Zero);
        IQuantumState pair = BellDiagonalState.Perfect;
        SimTime now = SimTime.FromMilliseconds(200);
        pair = left.Touch(pair, 0, now);
        pair = right.Touch(pair, 1, now);
        // Pure dephasing on both halves: coherence factors multiply, F = (1 + e^{−t/T2a}·e^{−t/T2b})/2.
        Assert.Equal((1 + Math.Exp(-0.2 / 0.1) * Math.Exp(-0.2 / 1.0)) / 2, pair.Fidelity, Exact);
    }

    [Fact]
    public void Touch_TimeRunsBackwards_Throws()
    {
        var qubit = new StoredQubit(Memory, SimTime.FromSeconds(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => qubit.Touch(BellDiagonalState.Perfect, SimTime.FromMilliseconds(500)));
    }

    [Fact]
    public void Touch_IdealMemory_LeavesStateUnchanged()
    {
        var qubit = new StoredQubit(QuantumMemory.Ideal, SimTime.Zero);
        Assert.Equal(BellDiagonalState.Werner(0.9), qubit.Touch(BellDiagonalState.Werner(0.9), SimTime.FromSeconds(100)));
    }
}
