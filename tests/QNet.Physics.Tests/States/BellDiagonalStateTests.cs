using QNet.Physics.States;

namespace QNet.Physics.Tests.States;

public class BellDiagonalStateTests
{
    // Exact: closed forms of a few floating-point operations, or 2-qubit density-matrix projections.
    private const double Exact = 1e-12;

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.9)]
    [InlineData(0.5)]
    public void Werner_Fidelity_QberIsTwoThirdsOfInfidelityInBothBases(double f)
    {
        BellDiagonalState w = BellDiagonalState.Werner(f);
        Assert.Equal(2 * (1 - f) / 3, w.QberZ, Exact);
        Assert.Equal(2 * (1 - f) / 3, w.QberX, Exact);
        Assert.Equal((4 * f - 1) / 3, w.WernerParameter, Exact);
    }

    [Fact]
    public void Qber_MeasuredOnDensityMatrix_MatchesBitAndPhaseErrorWeights()
    {
        var state = new BellDiagonalState(0.7, 0.12, 0.08, 0.1);
        foreach (MeasurementBasis basis in new[] { MeasurementBasis.Z, MeasurementBasis.X })
        {
            double disagree = 0;
            for (int a = 0; a < 2; a++)
            {
                DensityMatrix rho = state.ToDensityMatrix();
                double pa = rho.Project(0, basis, a);
                disagree += pa * rho.OutcomeProbability(1, basis, 1 - a);
            }
            Assert.Equal(basis == MeasurementBasis.Z ? state.QberZ : state.QberX, disagree, Exact);
        }
        Assert.Equal(0.12 + 0.08, state.QberZ, Exact);
        Assert.Equal(0.1 + 0.08, state.QberX, Exact);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Depolarize_PerfectPair_FollowsNetSquidConvention(double p)
    {
        Assert.Equal(1 - 3 * p / 4, BellDiagonalState.Perfect.Depolarize(p).Fidelity, Exact);
        Assert.Equal(1 - p, BellDiagonalState.Perfect.Dephase(p).Fidelity, Exact);
    }

    [Fact]
    public void MixWithMaximallyMixed_WernerState_ScalesWernerParameter()
    {
        BellDiagonalState mixed = BellDiagonalState.Werner(0.9).MixWithMaximallyMixed(0.8);
        Assert.Equal(0.8 * (4 * 0.9 - 1) / 3, mixed.WernerParameter, Exact);
    }

    [Fact]
    public void Constructor_WeightsNotSummingToOne_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BellDiagonalState(0.5, 0.5, 0.5, 0));
    }

    [Fact]
    public void Decohere_ZeroOrNegativeTime_ReturnsSameState()
    {
        BellDiagonalState w = BellDiagonalState.Werner(0.8);
        Assert.Equal(w, w.Decohere(0, 1, 1));
    }
    [Theory]
    [InlineData(1e-4, 10.0, 10.0)]                        // alike memories: the channel is computed once
    [InlineData(0.3, 2.0, 0.5)]                            // different T1/T2 at the two ends
    [InlineData(5.0, double.PositiveInfinity, 1.0)]        // no amplitude damping at the first end
    public void DecohereBoth_AnyMemories_EqualsTwoDecohereStepsBitForBit(double seconds, double t1B, double t2B)
    {
        // Bit for bit, not within a tolerance: the long-chain hot path uses DecohereBoth, and seeded runs
        // are compared byte for byte with those made by two Decohere steps.
        var state = new BellDiagonalState(0.91, 0.04, 0.03, 0.02);
        const double t1A = double.PositiveInfinity, t2A = 10.0;
        BellDiagonalState twoSteps = state.Decohere(seconds, t1A, t2A).Decohere(seconds, t1B, t2B);
        BellDiagonalState both = state.DecohereBoth(seconds, t1A, t2A, t1B, t2B);
        Assert.Equal(twoSteps, both);
        Assert.Equal(state.Decohere(seconds, t1B, t2B).Decohere(seconds, t1B, t2B), state.DecohereBoth(seconds, t1B, t2B, t1B, t2B));
        Assert.Equal(state, state.DecohereBoth(0, t1A, t2A, t1B, t2B));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, 10.0)]   // dephasing only: the products with pX = pY = 0 are left out
    [InlineData(2.0, 0.5)]                        // amplitude damping too: the full convolution
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    public void Decohere_AnyState_EqualsItsPauliChannelBitForBit(double t1, double t2)
    {
        // Decoherence is its Pauli twirl (pX = pY = (1 − e^{−t/T1})/4, pZ = 1/2 − pX − e^{−t/T2}/2); without T1 the
        // channel skips the products with pX = pY = 0. Seeded runs compare byte for byte, so the result must be the full
        // 16-product convolution's weights exactly (computed here independently), including on states with zero weights.
        var random = new Random(17);
        var states = new List<BellDiagonalState> { BellDiagonalState.Perfect, BellDiagonalState.Werner(0.93), new(0.5, 0, 0.5, 0) };
        for (int i = 0; i < 200; i++)
        {
            double a = random.NextDouble(), b = random.NextDouble() * (1 - a), c = random.NextDouble() * (1 - a - b);
            states.Add(new BellDiagonalState(a, b, c, 1 - a - b - c));
        }
        foreach (BellDiagonalState state in states)
        {
            foreach (double seconds in new[] { 1e-9, 1.22e-4, 0.37, 3.0, 80.0 })
            {
                double e1 = double.IsPositiveInfinity(t1) ? 1 : Math.Exp(-seconds / t1);
                double e2 = double.IsPositiveInfinity(t2) ? 1 : Math.Exp(-seconds / t2);
                double pxy = (1 - e1) / 4;
                double pz = Math.Max(0, 0.5 - pxy - e2 / 2);
                double pi = 1 - pxy - pxy - pz;
                BellDiagonalState once = FullConvolution(state, pi, pxy, pxy, pz);
                AssertSameBits(once, state.Decohere(seconds, t1, t2));
                AssertSameBits(once, state.ApplyPauliChannel(pxy, pxy, pz));
                AssertSameBits(FullConvolution(once, pi, pxy, pxy, pz), state.DecohereBoth(seconds, t1, t2, t1, t2));
            }
        }
    }

    [Fact]
    public void Decohere_NegativeCoherenceTime_ThrowsLikeAnInvalidChannel()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BellDiagonalState.Werner(0.9).Decohere(1, -2, 10));
    }

    // The Klein-group convolution with every one of its 16 products, in the library's order of summation.
    private static BellDiagonalState FullConvolution(BellDiagonalState a, double bi, double bx, double by, double bz) => new(
        a.PhiPlus * bi + a.PsiPlus * bx + a.PsiMinus * by + a.PhiMinus * bz,
        a.PhiPlus * bx + a.PsiPlus * bi + a.PsiMinus * bz + a.PhiMinus * by,
        a.PhiPlus * by + a.PsiMinus * bi + a.PsiPlus * bz + a.PhiMinus * bx,
        a.PhiPlus * bz + a.PhiMinus * bi + a.PsiPlus * by + a.PsiMinus * bx);

    // The weights' bit patterns, not Equals (which takes −0 for +0).
    private static void AssertSameBits(BellDiagonalState expected, BellDiagonalState actual)
    {
        for (int pauli = 0; pauli < 4; pauli++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[pauli]), BitConverter.DoubleToInt64Bits(actual[pauli]));
        }
    }
}
