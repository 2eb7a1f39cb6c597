using QNet.Kernel;
using QNet.Physics.Ghz;
using QNet.Physics.States;

namespace QNet.Physics.Tests.Ghz;

/// <summary>The GHZ fusion fidelity formula against the fusion circuit on up to 8 qubits.</summary>
public class GhzFusionTests
{
    // Exact: at most 8-qubit circuits, a few thousand floating-point sums per element.
    private const double Exact = 1e-12;

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Fidelity_RandomBellDiagonalPairsEveryOutcome_MatchesFusionCircuit(int n)
    {
        var random = new RandomStream(71 + (ulong)n);
        var pairs = new BellDiagonalState[n];
        for (int i = 0; i < n; i++)
        {
            pairs[i] = Circuits.RandomBellDiagonal(random);
        }
        double expected = GhzFusion.Fidelity(pairs);

        DensityMatrix rho = pairs[0].ToDensityMatrix();
        for (int i = 1; i < n; i++)
        {
            rho = rho.Tensor(pairs[i].ToDensityMatrix());
        }
        // Pair i is (hub 2i, end 2i+1).
        for (int i = 1; i < n; i++)
        {
            rho.ApplyUnitary(0, 2 * i, TwoQubitOperator.Cnot);
        }
        rho.ApplyUnitary(0, SingleQubitOperator.Hadamard);
        int[] ends = Enumerable.Range(0, n).Select(i => 2 * i + 1).ToArray();
        double total = 0;
        for (int outcome = 0; outcome < 1 << n; outcome++)
        {
            DensityMatrix branch = rho.Clone();
            double p = 1;
            for (int i = 0; i < n; i++)
            {
                int bit = (outcome >> i) & 1;
                p *= branch.Project(2 * i, MeasurementBasis.Z, bit);
                if (bit == 1)
                {
                    branch.ApplyUnitary(2 * i + 1, i == 0 ? SingleQubitOperator.PauliZ : SingleQubitOperator.PauliX);
                }
            }
            total += p;
            Assert.Equal(expected, branch.PartialTrace(ends).FidelityTo(StateVectors.Ghz(n)), Exact);
        }
        Assert.Equal(1, total, Exact);
    }

    [Fact]
    public void Fidelity_TwoPairs_EqualsSwapFidelity()
    {
        var a = new BellDiagonalState(0.8, 0.1, 0.06, 0.04);
        var b = new BellDiagonalState(0.7, 0.05, 0.15, 0.1);
        Assert.Equal(BellDiagonalState.Swap(a, b).Fidelity, GhzFusion.Fidelity([a, b]), Exact);
    }

    [Fact]
    public void Fidelity_PerfectPairs_IsOne()
    {
        Assert.Equal(1, GhzFusion.Fidelity([BellDiagonalState.Perfect, BellDiagonalState.Perfect, BellDiagonalState.Perfect]), Exact);
    }

    [Fact]
    public void Fidelity_OnePair_Throws()
    {
        Assert.Throws<ArgumentException>(() => GhzFusion.Fidelity([BellDiagonalState.Perfect]));
    }
}
