using QNet.Physics.Noise;
using QNet.Physics.States;

namespace QNet.Physics.Tests.Noise;

/// <summary>Reference formulas for memory decoherence of stored halves of Φ+, on both representations.</summary>
public class MemoryDecoherenceFormulaTests
{
    // Exact: the channels are applied to 2-qubit matrices, a few dozen floating-point operations.
    private const double Exact = 1e-12;

    [Theory]
    [InlineData(0.01, 0.1)]
    [InlineData(0.5, 1.0)]
    [InlineData(3.0, 1.0)]
    public void Dephasing_OneStoredHalf_GivesHalfOnePlusDecay(double t, double t2)
    {
        double expected = (1 + Math.Exp(-t / t2)) / 2;
        Assert.Equal(expected, DensityMatrix.Bell(0).ApplyChannel(DephasingChannel.OverTime(t, t2), 1).Fidelity, Exact);
        Assert.Equal(expected, DensityMatrix.Bell(0).ApplyChannel(new MemoryDecoherenceChannel(t, double.PositiveInfinity, t2), 0).Fidelity, Exact);
        Assert.Equal(expected, BellDiagonalState.Perfect.Decohere(t, double.PositiveInfinity, t2).Fidelity, Exact);
    }

    [Theory]
    [InlineData(0.01, 0.1)]
    [InlineData(0.5, 1.0)]
    [InlineData(3.0, 1.0)]
    public void AmplitudeDamping_OneStoredHalf_GivesSquaredFormula(double t, double t1)
    {
        double expected = Math.Pow(1 + Math.Exp(-t / (2 * t1)), 2) / 4;
        Assert.Equal(expected, DensityMatrix.Bell(0).ApplyChannel(AmplitudeDampingChannel.OverTime(t, t1), 1).Fidelity, Exact);
        // Pure amplitude damping is the T1/T2 channel with T2 = 2·T1.
        Assert.Equal(expected, DensityMatrix.Bell(0).ApplyChannel(new MemoryDecoherenceChannel(t, t1, 2 * t1), 1).Fidelity, Exact);
        Assert.Equal(expected, BellDiagonalState.Perfect.Decohere(t, t1, 2 * t1).Fidelity, Exact);
    }

    [Theory]
    [InlineData(0.1, 1.0, 0.5)]
    [InlineData(0.7, 2.0, 0.3)]
    [InlineData(1.0, 10.0, 1.0)]
    public void BothT1AndT2_OneStoredHalf_GivesQuarterSumFormula(double t, double t1, double t2)
    {
        double expected = (1 + Math.Exp(-t / t1) + 2 * Math.Exp(-t / t2)) / 4;
        BellDiagonalState exact = DensityMatrix.Bell(0).ApplyChannel(new MemoryDecoherenceChannel(t, t1, t2), 1).ToBellDiagonal();
        BellDiagonalState fast = BellDiagonalState.Perfect.Decohere(t, t1, t2);
        Assert.Equal(expected, exact.Fidelity, Exact);
        Assert.Equal(expected, fast.Fidelity, Exact);
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(exact[k], fast[k], Exact);
        }
    }

    [Theory]
    [InlineData(1, 0.9, 0.2)]
    [InlineData(2, 0.9, 0.2)]
    [InlineData(2, 0.7, 1.5)]
    public void Depolarizing_KStoredQubits_DecaysWernerPart(int k, double f0, double t)
    {
        const double T = 1.0;
        double expected = 0.25 + (f0 - 0.25) * Math.Exp(-k * t / T);
        DepolarizingChannel channel = DepolarizingChannel.OverTime(t, T);
        DensityMatrix exact = DensityMatrix.Werner(f0);
        BellDiagonalState fast = BellDiagonalState.Werner(f0);
        for (int q = 0; q < k; q++)
        {
            exact.ApplyChannel(channel, q);
            fast = fast.ApplyNoise(channel);
        }
        Assert.Equal(expected, exact.Fidelity, Exact);
        Assert.Equal(expected, fast.Fidelity, Exact);
    }

    [Fact]
    public void MemoryDecoherence_BothHalvesWithT1_TwirledFidelityDiffersFromExact()
    {
        // Documented limit of the fast path: with non-Pauli noise (T1) on BOTH halves the twirl of each
        // half is not the twirl of the whole, so the Bell-diagonal fidelity is only approximate (here lower).
        const double T = 1.0, T1 = 1.0;
        var channel = new MemoryDecoherenceChannel(T, T1, 2 * T1);
        double exact = DensityMatrix.Bell(0).ApplyChannel(channel, 0).ApplyChannel(channel, 1).Fidelity;
        double fast = BellDiagonalState.Perfect.ApplyNoise(channel).ApplyNoise(channel).Fidelity;
        // γ = 1 − e^{−1}; exact F = [(1 + (1−γ))² + γ²]/4 (the |00⟩ population γ² adds to the Φ+ overlap).
        double gamma = 1 - Math.Exp(-T / T1);
        Assert.Equal((Math.Pow(2 - gamma, 2) + gamma * gamma) / 4, exact, Exact);
        Assert.True(fast < exact, $"twirled {fast} vs exact {exact}");
    }
}
