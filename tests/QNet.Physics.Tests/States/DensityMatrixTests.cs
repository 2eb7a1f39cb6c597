using System.Numerics;
using QNet.Kernel;
using QNet.Physics.States;

namespace QNet.Physics.Tests.States;

public class DensityMatrixTests
{
    // Exact checks: every quantity is a finite sum of a few hundred double products, so 1e-12 bounds the rounding.
    private const double Exact = 1e-12;

    [Fact]
    public void ApplyUnitary_RandomGatesOnThreeQubits_MatchesFullKroneckerProduct()
    {
        var random = new RandomStream(11);
        Complex[] psi = RandomVector(8, random);
        DensityMatrix rho = DensityMatrix.FromPure(psi);
        SingleQubitOperator u = SingleQubitOperator.Rz(0.7) * SingleQubitOperator.Ry(1.1) * SingleQubitOperator.Rx(-0.4);
        TwoQubitOperator g = TwoQubitOperator.Tensor(SingleQubitOperator.Hadamard, SingleQubitOperator.Ry(0.3));

        // Oracle: the full 8×8 operators built by Kronecker products, applied to the state vector.
        Complex[,] full1 = Kron(Kron(Identity(2), ToDense(u)), Identity(2));
        Complex[] expected = Multiply(full1, psi);
        // Two-qubit gates on (2, 0) and CNOT on (1, 2): qubit order of the operator is (first, second).
        expected = Multiply(PermutedTwoQubit(g, 2, 0, 3), expected);
        expected = Multiply(PermutedTwoQubit(TwoQubitOperator.Cnot, 1, 2, 3), expected);

        rho.ApplyUnitary(1, u).ApplyUnitary(2, 0, g).ApplyUnitary(1, 2, TwoQubitOperator.Cnot);

        Assert.True(rho.MaxDifference(DensityMatrix.FromPure(expected)) < Exact);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 1)]
    [InlineData(3, 1, 0)]
    [InlineData(2, 1, 1)]
    public void ApplyUnitary_CnotThenHadamardOnBellState_GivesBellMeasurementBits(int bell, int m1, int m2)
    {
        // The Bell-measurement circuit of every swap and teleport test: CNOT(0→1), H(0) maps
        // Φ+ → |00⟩, Ψ+ → |01⟩, Φ− → |10⟩, Ψ− → |11⟩ (up to a phase).
        DensityMatrix rho = DensityMatrix.Bell(bell);
        rho.ApplyUnitary(0, 1, TwoQubitOperator.Cnot).ApplyUnitary(0, SingleQubitOperator.Hadamard);

        Assert.Equal(1, rho[m1 * 2 + m2, m1 * 2 + m2].Real, Exact);
        Assert.Equal(1, rho.Trace, Exact);
    }

    [Fact]
    public void ToBellDiagonal_FromBellDiagonal_RoundTripsExactly()
    {
        var random = new RandomStream(12);
        for (int i = 0; i < 20; i++)
        {
            BellDiagonalState b = Circuits.RandomBellDiagonal(random);
            BellDiagonalState back = DensityMatrix.FromBellDiagonal(b).ToBellDiagonal();
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal(b[k], back[k], Exact);
            }
            Assert.Equal(b.Fidelity, b.ToDensityMatrix().Fidelity, Exact);
        }
    }

    [Fact]
    public void Bell_EachLabel_IsPauliOnSecondQubitOfPhiPlus()
    {
        for (int pauli = 0; pauli < 4; pauli++)
        {
            DensityMatrix fromPauli = DensityMatrix.Bell(0).ApplyPauli(1, pauli);
            Assert.True(fromPauli.MaxDifference(DensityMatrix.Bell(pauli)) < Exact);
            Assert.Equal(pauli == 0 ? 1 : 0, fromPauli.Fidelity, Exact);
            Assert.Equal(1, fromPauli.ToBellDiagonal()[pauli], Exact);
        }
    }

    [Fact]
    public void Werner_Fidelity_HasEqualErrorWeights()
    {
        BellDiagonalState w = DensityMatrix.Werner(0.85).ToBellDiagonal();
        Assert.Equal(0.85, w.PhiPlus, Exact);
        Assert.Equal(0.05, w.PsiPlus, Exact);
        Assert.Equal(0.05, w.PsiMinus, Exact);
        Assert.Equal(0.05, w.PhiMinus, Exact);
    }

    [Fact]
    public void PartialTrace_GhzKeepingTwo_IsClassicallyCorrelatedMixture()
    {
        DensityMatrix reduced = DensityMatrix.Ghz(3).PartialTrace(0, 2);
        Assert.Equal(2, reduced.QubitCount);
        Assert.Equal(0.5, reduced[0, 0].Real, Exact);
        Assert.Equal(0.5, reduced[3, 3].Real, Exact);
        Assert.Equal(0, reduced[0, 3].Magnitude, Exact);
        Assert.Equal(0.5, reduced.Purity, Exact);
    }

    [Fact]
    public void PartialTrace_ProductStateInReversedOrder_GivesSwappedFactors()
    {
        DensityMatrix zero = DensityMatrix.Zero(1);
        DensityMatrix plus = DensityMatrix.FromPure(StateVectors.Qubit(Math.PI / 2, 0));
        DensityMatrix product = zero.Tensor(DensityMatrix.Bell(2)).Tensor(plus);

        Assert.True(product.PartialTrace(3, 0).MaxDifference(plus.Tensor(zero)) < Exact);
        Assert.True(product.PartialTrace(1, 2).MaxDifference(DensityMatrix.Bell(2)) < Exact);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.2)]
    [InlineData(2.9)]
    public void OutcomeProbability_RotatedQubit_FollowsBornRule(double theta)
    {
        DensityMatrix rho = DensityMatrix.Zero(1).ApplyUnitary(0, SingleQubitOperator.Ry(theta));
        Assert.Equal(Math.Pow(Math.Sin(theta / 2), 2), rho.OutcomeProbability(0, MeasurementBasis.Z, 1), Exact);
        // Ry(θ)|0⟩ has ⟨X⟩ = sin θ, so P(+) = (1 + sin θ)/2.
        Assert.Equal((1 + Math.Sin(theta)) / 2, rho.OutcomeProbability(0, MeasurementBasis.X, 0), Exact);
    }

    [Fact]
    public void Measure_SampledOutcomes_MatchBornProbabilityWithinFiveStandardErrors()
    {
        const int Trials = 20_000;
        const double Theta = 1.2;
        double p1 = Math.Pow(Math.Sin(Theta / 2), 2);
        var random = new RandomStream(13);
        DensityMatrix prepared = DensityMatrix.Zero(1).ApplyUnitary(0, SingleQubitOperator.Ry(Theta));
        int ones = 0;
        for (int i = 0; i < Trials; i++)
        {
            DensityMatrix rho = prepared.Clone();
            MeasurementResult r = rho.Measure(0, MeasurementBasis.Z, random);
            ones += r.Outcome;
            Assert.Equal(r.Outcome == 1 ? p1 : 1 - p1, r.Probability, Exact);
            Assert.Equal(1, rho.OutcomeProbability(0, MeasurementBasis.Z, r.Outcome), Exact);
        }
        // Binomial frequency: standard error √(p(1−p)/N) ≈ 0.0035; 5 SE makes a false failure ~6e-7 likely.
        double se = Math.Sqrt(p1 * (1 - p1) / Trials);
        Assert.InRange((double)ones / Trials, p1 - 5 * se, p1 + 5 * se);
    }

    [Theory]
    [InlineData(MeasurementBasis.Z)]
    [InlineData(MeasurementBasis.X)]
    public void Project_OneHalfOfPhiPlus_CollapsesOtherHalfToSameOutcome(MeasurementBasis basis)
    {
        for (int outcome = 0; outcome < 2; outcome++)
        {
            DensityMatrix rho = DensityMatrix.Bell(0);
            Assert.Equal(0.5, rho.Project(0, basis, outcome), Exact);
            Assert.Equal(1, rho.OutcomeProbability(1, basis, outcome), Exact);
            Assert.Equal(1, rho.Trace, Exact);
        }
    }

    [Fact]
    public void Project_ImpossibleOutcome_Throws()
    {
        DensityMatrix rho = DensityMatrix.Zero(2);
        Assert.Throws<InvalidOperationException>(() => rho.Project(1, MeasurementBasis.Z, 1));
    }

    [Fact]
    public void ApplyUnitary_HadamardAndCnotChainOnTenQubits_PreparesGhz()
    {
        DensityMatrix rho = DensityMatrix.Zero(10).ApplyUnitary(0, SingleQubitOperator.Hadamard);
        for (int q = 1; q < 10; q++)
        {
            rho.ApplyUnitary(q - 1, q, TwoQubitOperator.Cnot);
        }
        Assert.Equal(1, rho.FidelityTo(StateVectors.Ghz(10)), 1e-10);
        Assert.True(rho.MaxDifference(DensityMatrix.Ghz(10)) < 1e-12);
    }

    [Fact]
    public void Measure_GhzInXBasis_GivesEvenParityAlways()
    {
        // GHZ_n is a +1 eigenstate of X⊗…⊗X, so the parity of X outcomes is always even.
        var random = new RandomStream(14);
        for (int trial = 0; trial < 50; trial++)
        {
            DensityMatrix rho = DensityMatrix.Ghz(5);
            int parity = 0;
            for (int q = 0; q < 5; q++)
            {
                parity ^= rho.Measure(q, MeasurementBasis.X, random).Outcome;
            }
            Assert.Equal(0, parity);
        }
    }

    [Fact]
    public void Fidelity_ThreeQubitRegister_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => DensityMatrix.Ghz(3).Fidelity);
    }

    [Fact]
    public void ApplyUnitary_QubitOutOfRange_ThrowsNamingQubit()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DensityMatrix.Zero(2).ApplyUnitary(2, SingleQubitOperator.PauliX));
        Assert.Equal("qubit", ex.ParamName);
    }

    [Fact]
    public void ApplyTwoQubitDepolarizing_FullStrength_LeavesMaximallyMixedPairTimesRest()
    {
        DensityMatrix rho = DensityMatrix.Bell(0).Tensor(DensityMatrix.Zero(1));
        rho.ApplyTwoQubitDepolarizing(0, 1, 1);
        Assert.True(rho.MaxDifference(DensityMatrix.MaximallyMixed(2).Tensor(DensityMatrix.Zero(1))) < Exact);
    }

    private static Complex[] RandomVector(int length, RandomStream random)
    {
        var v = new Complex[length];
        double norm = 0;
        for (int i = 0; i < length; i++)
        {
            v[i] = new Complex(random.NextGaussian(), random.NextGaussian());
            norm += v[i].Magnitude * v[i].Magnitude;
        }
        for (int i = 0; i < length; i++)
        {
            v[i] /= Math.Sqrt(norm);
        }
        return v;
    }

    private static Complex[,] Identity(int d)
    {
        var m = new Complex[d, d];
        for (int i = 0; i < d; i++)
        {
            m[i, i] = 1;
        }
        return m;
    }

    private static Complex[,] ToDense(SingleQubitOperator u) => new Complex[,] { { u.M00, u.M01 }, { u.M10, u.M11 } };

    private static Complex[,] Kron(Complex[,] a, Complex[,] b)
    {
        int ra = a.GetLength(0), rb = b.GetLength(0);
        var m = new Complex[ra * rb, ra * rb];
        for (int i = 0; i < ra; i++)
        {
            for (int j = 0; j < ra; j++)
            {
                for (int k = 0; k < rb; k++)
                {
                    for (int l = 0; l < rb; l++)
                    {
                        m[i * rb + k, j * rb + l] = a[i, j] * b[k, l];
                    }
                }
            }
        }
        return m;
    }

    // The full 2ⁿ×2ⁿ matrix of a two-qubit operator on (first, second), built element by element from bits.
    private static Complex[,] PermutedTwoQubit(TwoQubitOperator g, int first, int second, int n)
    {
        int d = 1 << n;
        var m = new Complex[d, d];
        int Bit(int index, int qubit) => (index >> (n - 1 - qubit)) & 1;
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                bool othersEqual = true;
                for (int q = 0; q < n; q++)
                {
                    if (q != first && q != second && Bit(r, q) != Bit(c, q))
                    {
                        othersEqual = false;
                    }
                }
                if (othersEqual)
                {
                    m[r, c] = g[Bit(r, first) * 2 + Bit(r, second), Bit(c, first) * 2 + Bit(c, second)];
                }
            }
        }
        return m;
    }

    private static Complex[] Multiply(Complex[,] m, Complex[] v)
    {
        var result = new Complex[v.Length];
        for (int r = 0; r < v.Length; r++)
        {
            for (int c = 0; c < v.Length; c++)
            {
                result[r] += m[r, c] * v[c];
            }
        }
        return result;
    }
}
