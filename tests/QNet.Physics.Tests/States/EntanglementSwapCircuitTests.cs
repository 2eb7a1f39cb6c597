using QNet.Kernel;
using QNet.Physics.States;

namespace QNet.Physics.Tests.States;

/// <summary>BellDiagonalState.Swap against the swap circuit (CNOT, H, two Z measurements, Pauli correction).</summary>
public class EntanglementSwapCircuitTests
{
    // Exact comparisons of 4-qubit density-matrix circuits: rounding stays far below 1e-12.
    private const double Exact = 1e-12;

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(0.9, 0.8)]
    [InlineData(0.6, 0.95)]
    [InlineData(0.25, 0.7)]
    public void Swap_WernerInputsEveryOutcome_MatchesCircuitAndProductOfWernerParameters(double f1, double f2)
    {
        BellDiagonalState expected = BellDiagonalState.Swap(BellDiagonalState.Werner(f1), BellDiagonalState.Werner(f2));
        // Reference formula: w = w1·w2, i.e. F = F1F2 + (1−F1)(1−F2)/3.
        Assert.Equal(f1 * f2 + (1 - f1) * (1 - f2) / 3, expected.Fidelity, Exact);

        foreach (Circuits.Branch b in Circuits.SwapBranches(DensityMatrix.Werner(f1), DensityMatrix.Werner(f2)))
        {
            Assert.Equal(0.25, b.Probability, Exact);
            Assert.True(b.State.MaxDifference(expected.ToDensityMatrix()) < Exact, $"outcome ({b.M1},{b.M2})");
        }
    }

    [Fact]
    public void Swap_RandomBellDiagonalInputsEveryOutcome_MatchesCircuitExactly()
    {
        var random = new RandomStream(21);
        for (int i = 0; i < 10; i++)
        {
            BellDiagonalState left = Circuits.RandomBellDiagonal(random), right = Circuits.RandomBellDiagonal(random);
            DensityMatrix expected = BellDiagonalState.Swap(left, right).ToDensityMatrix();
            foreach (Circuits.Branch b in Circuits.SwapBranches(left.ToDensityMatrix(), right.ToDensityMatrix()))
            {
                Assert.Equal(0.25, b.Probability, Exact);
                // The whole 4×4 matrix, not only the Bell weights: the circuit output is Bell-diagonal.
                Assert.True(b.State.MaxDifference(expected) < Exact, $"case {i}, outcome ({b.M1},{b.M2})");
            }
        }
    }

    [Fact]
    public void Swap_KleinProductTable_MatchesReferenceSums()
    {
        var random = new RandomStream(22);
        BellDiagonalState a = Circuits.RandomBellDiagonal(random), c = Circuits.RandomBellDiagonal(random);
        BellDiagonalState s = BellDiagonalState.Swap(a, c);
        // Reference: I' = I1I2+X1X2+Y1Y2+Z1Z2; X' = I1X2+X1I2+Y1Z2+Z1Y2; Y' = I1Y2+Y1I2+X1Z2+Z1X2; Z' = I1Z2+Z1I2+X1Y2+Y1X2.
        Assert.Equal(a[0] * c[0] + a[1] * c[1] + a[2] * c[2] + a[3] * c[3], s[0], Exact);
        Assert.Equal(a[0] * c[1] + a[1] * c[0] + a[2] * c[3] + a[3] * c[2], s[1], Exact);
        Assert.Equal(a[0] * c[2] + a[2] * c[0] + a[1] * c[3] + a[3] * c[1], s[2], Exact);
        Assert.Equal(a[0] * c[3] + a[3] * c[0] + a[1] * c[2] + a[2] * c[1], s[3], Exact);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(16)]
    public void Swap_ChainOfIdenticalWernerLinks_FollowsPowerLaw(int links)
    {
        const double F = 0.93;
        double w = (4 * F - 1) / 3;
        BellDiagonalState chain = BellDiagonalState.Werner(F);
        for (int i = 1; i < links; i++)
        {
            chain = BellDiagonalState.Swap(chain, BellDiagonalState.Werner(F));
        }
        Assert.Equal(0.25 + 0.75 * Math.Pow(w, links), chain.Fidelity, Exact);
    }

    [Fact]
    public void Swap_SampledOutcomes_UniformAndEachBranchMatchesFormula()
    {
        const int Trials = 4000;
        var random = new RandomStream(23);
        BellDiagonalState left = new(0.8, 0.1, 0.06, 0.04), right = new(0.7, 0.05, 0.15, 0.1);
        DensityMatrix expected = BellDiagonalState.Swap(left, right).ToDensityMatrix();
        DensityMatrix l = left.ToDensityMatrix(), r = right.ToDensityMatrix();
        var counts = new int[4];
        for (int i = 0; i < Trials; i++)
        {
            (int m1, int m2, DensityMatrix outer) = Circuits.SampledSwap(l, r, random);
            counts[m1 * 2 + m2]++;
            Assert.True(outer.MaxDifference(expected) < Exact);
        }
        // Each outcome has probability 1/4: standard error √(0.25·0.75/N) ≈ 0.0068; 5 SE per outcome.
        double se = Math.Sqrt(0.25 * 0.75 / Trials);
        foreach (int c in counts)
        {
            Assert.InRange((double)c / Trials, 0.25 - 5 * se, 0.25 + 5 * se);
        }
    }
}
