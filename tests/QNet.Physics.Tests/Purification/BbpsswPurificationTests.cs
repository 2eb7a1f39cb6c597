using QNet.Kernel;
using QNet.Physics.Purification;
using QNet.Physics.States;

namespace QNet.Physics.Tests.Purification;

public class BbpsswPurificationTests
{
    // Exact comparisons of 4-qubit circuits and closed forms: rounding far below 1e-12.
    private const double Exact = 1e-12;

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.7)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void Apply_WernerInputs_MatchesReferenceFormula(double f)
    {
        double p = f * f + 2.0 / 3 * f * (1 - f) + 5.0 / 9 * (1 - f) * (1 - f);
        double fOut = (f * f + (1 - f) * (1 - f) / 9) / p;

        PurificationResult r = BbpsswPurification.Apply(BellDiagonalState.Werner(f));

        Assert.Equal(p, r.SuccessProbability, Exact);
        Assert.Equal(fOut, r.State.Fidelity, Exact);
        Assert.Equal(BellDiagonalState.Werner(fOut).PhiMinus, r.State.PhiMinus, Exact); // twirled to Werner
    }

    [Theory]
    [InlineData(0.7, 0.7)]
    [InlineData(0.8, 0.6)]
    [InlineData(0.95, 0.85)]
    public void Apply_WernerInputs_MatchesBilateralCnotCircuit(double f1, double f2)
    {
        PurificationResult formula = BbpsswPurification.Apply(BellDiagonalState.Werner(f1), BellDiagonalState.Werner(f2));

        (double p, DensityMatrix output) = Circuits.Purify(DensityMatrix.Werner(f1), DensityMatrix.Werner(f2));

        Assert.Equal(formula.SuccessProbability, p, Exact);
        // The circuit output before the final twirl has the same fidelity; the twirl only equalises the errors.
        Assert.Equal(formula.State.Fidelity, output.Fidelity, Exact);
    }

    [Fact]
    public void Apply_BellDiagonalInputs_TwirlsInputsFirst()
    {
        // Only the fidelities of the inputs matter: two states with equal fidelity give the same output.
        BellDiagonalState a = new(0.8, 0.2, 0, 0), b = new(0.8, 0, 0, 0.2);
        Assert.Equal(BbpsswPurification.Apply(a), BbpsswPurification.Apply(b));
        Assert.Equal(BbpsswPurification.Apply(BellDiagonalState.Werner(0.8)), BbpsswPurification.Apply(a));
    }

    [Fact]
    public void BilateralCnot_RandomBellDiagonalInputs_MatchesCircuitWithoutRotations()
    {
        var random = new RandomStream(44);
        for (int i = 0; i < 8; i++)
        {
            BellDiagonalState kept = Circuits.RandomBellDiagonal(random), sacrificed = Circuits.RandomBellDiagonal(random);
            PurificationResult formula = BilateralCnot.Apply(kept, sacrificed);

            (double p, DensityMatrix output) = Circuits.Purify(kept.ToDensityMatrix(), sacrificed.ToDensityMatrix());

            Assert.Equal(formula.SuccessProbability, p, Exact);
            Assert.True(output.MaxDifference(formula.State.ToDensityMatrix()) < Exact, $"case {i}");
        }
    }

    [Fact]
    public void Apply_FidelityBelowHalf_DoesNotImprove()
    {
        // Recurrence purification of Werner states only helps above F = 1/2.
        PurificationResult r = BbpsswPurification.Apply(BellDiagonalState.Werner(0.45));
        Assert.True(r.State.Fidelity <= 0.45);
    }
}
