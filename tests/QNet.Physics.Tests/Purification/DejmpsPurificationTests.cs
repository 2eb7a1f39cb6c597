using QNet.Kernel;
using QNet.Physics.Noise;
using QNet.Physics.Purification;
using QNet.Physics.States;

namespace QNet.Physics.Tests.Purification;

public class DejmpsPurificationTests
{
    // Exact comparisons of 4-qubit circuits and closed forms: rounding far below 1e-12.
    private const double Exact = 1e-12;

    [Fact]
    public void Apply_RandomBellDiagonalInputs_MatchesPaperFormulasInPaperOrder()
    {
        var random = new RandomStream(41);
        for (int i = 0; i < 20; i++)
        {
            BellDiagonalState p1 = Circuits.RandomBellDiagonal(random), p2 = Circuits.RandomBellDiagonal(random);
            // Paper order A = Φ+, B = Ψ−, C = Ψ+, D = Φ−.
            double a1 = p1.PhiPlus, b1 = p1.PsiMinus, c1 = p1.PsiPlus, d1 = p1.PhiMinus;
            double a2 = p2.PhiPlus, b2 = p2.PsiMinus, c2 = p2.PsiPlus, d2 = p2.PhiMinus;
            double n = (a1 + b1) * (a2 + b2) + (c1 + d1) * (c2 + d2);

            PurificationResult r = DejmpsPurification.Apply(p1, p2);

            Assert.Equal(n, r.SuccessProbability, Exact);
            Assert.Equal((a1 * a2 + b1 * b2) / n, r.State.PhiPlus, Exact);
            Assert.Equal((c1 * d2 + d1 * c2) / n, r.State.PsiMinus, Exact);
            Assert.Equal((c1 * c2 + d1 * d2) / n, r.State.PsiPlus, Exact);
            Assert.Equal((a1 * b2 + b1 * a2) / n, r.State.PhiMinus, Exact);
        }
    }

    [Fact]
    public void Apply_RandomBellDiagonalInputs_MatchesCircuitWithOppositeRotations()
    {
        var random = new RandomStream(42);
        for (int i = 0; i < 8; i++)
        {
            BellDiagonalState kept = Circuits.RandomBellDiagonal(random), sacrificed = Circuits.RandomBellDiagonal(random);
            PurificationResult formula = DejmpsPurification.Apply(kept, sacrificed);

            (double p, DensityMatrix output) = Circuits.Purify(kept.ToDensityMatrix(), sacrificed.ToDensityMatrix(), Math.PI / 2, -Math.PI / 2);

            Assert.Equal(formula.SuccessProbability, p, Exact);
            Assert.True(output.MaxDifference(formula.State.ToDensityMatrix()) < Exact, $"case {i}");
        }
    }

    [Fact]
    public void ApplyDensityMatrix_BellDiagonalInputs_EqualsBellDiagonalFormula()
    {
        var random = new RandomStream(45);
        for (int i = 0; i < 4; i++)
        {
            BellDiagonalState kept = Circuits.RandomBellDiagonal(random), sacrificed = Circuits.RandomBellDiagonal(random);
            PurificationResult formula = DejmpsPurification.Apply(kept, sacrificed);
            DensityPurificationResult exact = DejmpsPurification.Apply(kept.ToDensityMatrix(), sacrificed.ToDensityMatrix());
            Assert.Equal(formula.SuccessProbability, exact.SuccessProbability, Exact);
            Assert.True(exact.State.MaxDifference(formula.State.ToDensityMatrix()) < Exact);
        }
    }

    [Fact]
    public void ApplyDensityMatrix_AmplitudeDampedInputs_MatchesCircuit()
    {
        var decay = new MemoryDecoherenceChannel(0.4, 1.0, 0.6);
        DensityMatrix kept = DensityMatrix.Werner(0.9).ApplyChannel(decay, 0).ApplyChannel(decay, 1);
        DensityMatrix sacrificed = DensityMatrix.Werner(0.85).ApplyChannel(decay, 1);

        DensityPurificationResult exact = DejmpsPurification.Apply(kept, sacrificed);
        (double p, DensityMatrix circuit) = Circuits.Purify(kept, sacrificed, Math.PI / 2, -Math.PI / 2);

        Assert.Equal(p, exact.SuccessProbability, Exact);
        Assert.True(exact.State.MaxDifference(circuit) < Exact);
        Assert.Equal(1, exact.State.Trace, Exact);
    }

    [Fact]
    public void Apply_EqualRotationSigns_LeavesOutputInPsiPlusFrame()
    {
        // Rx(π/2) on both sides is Rx(π) = −iX relative to opposite signs: the same purified state with an X error.
        BellDiagonalState kept = new(0.7, 0.1, 0.15, 0.05), sacrificed = new(0.8, 0.05, 0.05, 0.1);
        PurificationResult formula = DejmpsPurification.Apply(kept, sacrificed);

        (double p, DensityMatrix output) = Circuits.Purify(kept.ToDensityMatrix(), sacrificed.ToDensityMatrix(), Math.PI / 2, Math.PI / 2);

        Assert.Equal(formula.SuccessProbability, p, Exact);
        Assert.Equal(formula.State.PhiPlus, output.ToBellDiagonal().PsiPlus, Exact);
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(0.75)]
    [InlineData(0.95)]
    public void Apply_WernerInputsFirstRound_EqualsBbpssw(double fidelity)
    {
        BellDiagonalState w = BellDiagonalState.Werner(fidelity);
        PurificationResult dejmps = DejmpsPurification.Apply(w);
        PurificationResult bbpssw = BbpsswPurification.Apply(w);

        Assert.Equal(bbpssw.SuccessProbability, dejmps.SuccessProbability, Exact);
        Assert.Equal(bbpssw.State.Fidelity, dejmps.State.Fidelity, Exact);
    }

    [Fact]
    public void Apply_TwoRecurrenceRoundsOnWernerInputs_MatchesCircuitAndDiffersFromBbpssw()
    {
        BellDiagonalState w = BellDiagonalState.Werner(0.75);
        PurificationResult round1 = DejmpsPurification.Apply(w);
        PurificationResult round2 = DejmpsPurification.Apply(round1.State);

        (double p1, DensityMatrix c1) = Circuits.Purify(w.ToDensityMatrix(), w.ToDensityMatrix(), Math.PI / 2, -Math.PI / 2);
        (double p2, DensityMatrix c2) = Circuits.Purify(c1, c1.Clone(), Math.PI / 2, -Math.PI / 2);

        Assert.Equal(round1.SuccessProbability, p1, Exact);
        Assert.Equal(round2.SuccessProbability, p2, Exact);
        Assert.True(c2.MaxDifference(round2.State.ToDensityMatrix()) < Exact);
        // Round 2 no longer equals BBPSSW: round 1 left unequal error weights that DEJMPS exploits.
        double bbpssw2 = BbpsswPurification.Apply(BbpsswPurification.Apply(w).State).State.Fidelity;
        Assert.True(Math.Abs(round2.State.Fidelity - bbpssw2) > 1e-3, $"DEJMPS {round2.State.Fidelity}, BBPSSW {bbpssw2}");
    }

    [Fact]
    public void Apply_WernerInputsThreeRounds_PurifiesFasterThanBbpssw()
    {
        BellDiagonalState dejmps = BellDiagonalState.Werner(0.7), bbpssw = dejmps;
        for (int round = 0; round < 3; round++)
        {
            dejmps = DejmpsPurification.Apply(dejmps).State;
            bbpssw = BbpsswPurification.Apply(bbpssw).State;
        }
        // Values from iterating the closed forms above; DEJMPS keeps the Bell-basis structure the twirl discards.
        Assert.True(dejmps.Fidelity > bbpssw.Fidelity + 0.01, $"DEJMPS {dejmps.Fidelity}, BBPSSW {bbpssw.Fidelity}");
    }

    [Fact]
    public void Apply_SampledCircuitRuns_SuccessFrequencyWithinFiveStandardErrors()
    {
        const int Trials = 3000;
        BellDiagonalState pair = new(0.75, 0.1, 0.1, 0.05);
        double p = DejmpsPurification.Apply(pair).SuccessProbability;
        var random = new RandomStream(43);
        DensityMatrix prepared = pair.ToDensityMatrix().Tensor(pair.ToDensityMatrix());
        foreach ((int q, double angle) in new[] { (0, Math.PI / 2), (2, Math.PI / 2), (1, -Math.PI / 2), (3, -Math.PI / 2) })
        {
            prepared.ApplyUnitary(q, SingleQubitOperator.Rx(angle));
        }
        prepared.ApplyUnitary(0, 2, TwoQubitOperator.Cnot).ApplyUnitary(1, 3, TwoQubitOperator.Cnot);
        int successes = 0;
        for (int i = 0; i < Trials; i++)
        {
            DensityMatrix rho = prepared.Clone();
            int a = rho.Measure(2, MeasurementBasis.Z, random).Outcome;
            int b = rho.Measure(3, MeasurementBasis.Z, random).Outcome;
            successes += a == b ? 1 : 0;
        }
        // Binomial: SE = √(p(1−p)/N) ≈ 0.008.
        double se = Math.Sqrt(p * (1 - p) / Trials);
        Assert.InRange((double)successes / Trials, p - 5 * se, p + 5 * se);
    }
}
