using QNet.Network.Applications;
using QNet.Physics.States;

namespace QNet.Network.Tests.Applications;

public class GhzFusionTests
{
    // Brute force: pairs (h1,p1) and (h2,p2) as a 4-qubit density matrix; the hub applies CNOT(h1→h2),
    // measures h2 in Z, and on outcome 1 party 2 applies X. Both outcomes are mixed with their
    // probabilities; the fidelity of (h1,p1,p2) to GHZ₃ must equal the closed form.
    private static double BruteForce(BellDiagonalState a, BellDiagonalState b)
    {
        DensityMatrix rho = DensityMatrix.FromBellDiagonal(a).Tensor(DensityMatrix.FromBellDiagonal(b))
            .ApplyUnitary(0, 2, TwoQubitOperator.Cnot);
        double fidelity = 0;
        for (int outcome = 0; outcome < 2; outcome++)
        {
            DensityMatrix branch = rho.Clone();
            double probability = branch.Project(2, MeasurementBasis.Z, outcome);
            if (outcome == 1)
            {
                branch = branch.ApplyPauli(3, 1);
            }
            fidelity += probability * branch.PartialTrace(0, 1, 3).FidelityTo(StateVectors.Ghz(3));
        }
        return fidelity;
    }

    public static TheoryData<double[], double[]> Inputs => new()
    {
        { [1.0, 0, 0, 0], [1.0, 0, 0, 0] },
        { [0.9, 0.1 / 3, 0.1 / 3, 0.1 / 3], [0.8, 0.2 / 3, 0.2 / 3, 0.2 / 3] },
        { [0.7, 0.1, 0.05, 0.15], [0.85, 0.0, 0.1, 0.05] },
        { [0.5, 0.0, 0.0, 0.5], [0.6, 0.4, 0.0, 0.0] },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Fidelity_TwoPairs_MatchesDensityMatrixCircuit(double[] a, double[] b)
    {
        var pa = new BellDiagonalState(a[0], a[1], a[2], a[3]);
        var pb = new BellDiagonalState(b[0], b[1], b[2], b[3]);
        Assert.Equal(BruteForce(pa, pb), GhzFusion.Fidelity([pa, pb]), 10);
    }

    [Fact]
    public void Fidelity_PerfectPairs_IsOne() =>
        Assert.Equal(1.0, GhzFusion.Fidelity([BellDiagonalState.Perfect, BellDiagonalState.Perfect, BellDiagonalState.Perfect]), 12);

    [Fact]
    public void SensingGain_PerfectGhz_IsHeisenbergScaling() =>
        Assert.Equal(Math.Sqrt(5), GhzFusion.SensingGain(5, 1.0), 12);
}
