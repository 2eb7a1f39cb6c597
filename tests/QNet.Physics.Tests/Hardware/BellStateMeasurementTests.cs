using QNet.Kernel;
using QNet.Physics.Hardware;
using QNet.Physics.Noise;
using QNet.Physics.States;

namespace QNet.Physics.Tests.Hardware;

/// <summary>The noisy Bell-state measurement model against the swap circuit with gate and readout noise.</summary>
public class BellStateMeasurementTests
{
    // Exact comparisons of 4-qubit density-matrix circuits (sums of 16 branches): rounding far below 1e-12.
    private const double Exact = 1e-12;

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.05, 0.0)]
    [InlineData(0.0, 0.03)]
    [InlineData(0.02, 0.01)]
    [InlineData(0.3, 0.2)]
    public void Swap_RandomBellDiagonalInputs_MatchesNoisyCircuit(double gateDepolarizing, double readoutError)
    {
        var bsm = new BellStateMeasurement(1, gateDepolarizing, readoutError);
        var random = new RandomStream(31);
        for (int i = 0; i < 4; i++)
        {
            BellDiagonalState left = Circuits.RandomBellDiagonal(random), right = Circuits.RandomBellDiagonal(random);
            DensityMatrix circuit = Circuits.NoisySwap(left.ToDensityMatrix(), right.ToDensityMatrix(), gateDepolarizing, readoutError);
            Assert.True(circuit.MaxDifference(bsm.Swap(left, right).ToDensityMatrix()) < Exact);
        }
    }

    [Theory]
    [InlineData(0.9, 0.85, 0.01, 0.01)]
    [InlineData(0.99, 0.97, 0.05, 0.02)]
    [InlineData(0.8, 0.8, 0.2, 0.1)]
    public void Swap_WernerInputs_FollowsBriegelDurCiracZollerFormula(double f1, double f2, double gateDepolarizing, double readoutError)
    {
        var bsm = new BellStateMeasurement(1, gateDepolarizing, readoutError);
        double w1 = (4 * f1 - 1) / 3, w2 = (4 * f2 - 1) / 3, p2 = 1 - gateDepolarizing, eta = 1 - readoutError;
        double w = p2 * (4 * eta * eta - 1) / 3 * w1 * w2;

        BellDiagonalState model = bsm.Swap(BellDiagonalState.Werner(f1), BellDiagonalState.Werner(f2));
        DensityMatrix circuit = Circuits.NoisySwap(DensityMatrix.Werner(f1), DensityMatrix.Werner(f2), gateDepolarizing, readoutError);

        Assert.Equal((1 + 3 * w) / 4, model.Fidelity, Exact);
        Assert.Equal((1 + 3 * w) / 4, circuit.Fidelity, Exact);
        // Readout flips give X and Z corrections with e(1−e) but Y with e², so X and Z errors stay equal while
        // Y differs: the output is not exactly Werner, and the BDCZ w describes its fidelity (its twirl).
        Assert.Equal(model.PsiPlus, model.PhiMinus, Exact);
        Assert.True(circuit.MaxDifference(model.ToDensityMatrix()) < Exact);
    }

    [Fact]
    public void SwapDensityMatrix_BellDiagonalInputs_EqualsBellDiagonalModel()
    {
        var bsm = new BellStateMeasurement(1, 0.04, 0.02);
        var random = new RandomStream(32);
        for (int i = 0; i < 4; i++)
        {
            BellDiagonalState left = Circuits.RandomBellDiagonal(random), right = Circuits.RandomBellDiagonal(random);
            DensityMatrix exact = bsm.Swap(left.ToDensityMatrix(), right.ToDensityMatrix());
            Assert.True(exact.MaxDifference(bsm.Swap(left, right).ToDensityMatrix()) < Exact);
        }
    }

    [Fact]
    public void SwapDensityMatrix_AmplitudeDampedInputs_MatchesNoisyCircuit()
    {
        // Non-Bell-diagonal inputs (T1 on both halves), where only the density-matrix path is exact.
        var bsm = new BellStateMeasurement(1, 0.03, 0.05);
        var decay = new MemoryDecoherenceChannel(0.5, 1.0, 0.8);
        DensityMatrix left = DensityMatrix.Werner(0.95).ApplyChannel(decay, 0).ApplyChannel(decay, 1);
        DensityMatrix right = DensityMatrix.Bell(0).ApplyChannel(decay, 1);

        DensityMatrix model = bsm.Swap(left, right);

        Assert.True(model.MaxDifference(Circuits.NoisySwap(left, right, 0.03, 0.05)) < Exact);
        Assert.Equal(1, model.Trace, Exact);
    }

    [Fact]
    public void SwapIQuantumState_MixedRepresentations_ReturnsExactDensityMatrix()
    {
        var bsm = new BellStateMeasurement(1, 0.01, 0.01);
        IQuantumState fast = bsm.Swap(BellDiagonalState.Werner(0.9), (IQuantumState)BellDiagonalState.Werner(0.8));
        IQuantumState exact = bsm.Swap(DensityMatrix.Werner(0.9), BellDiagonalState.Werner(0.8));
        Assert.IsType<BellDiagonalState>(fast);
        Assert.IsType<DensityMatrix>(exact);
        Assert.Equal(fast.Fidelity, exact.Fidelity, Exact);
    }

    [Fact]
    public void Constructor_ProbabilityOutOfRange_NamesField()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BellStateMeasurement(1, 1.5, 0));
        Assert.Equal("gateDepolarizing", ex.ParamName);
    }
}
