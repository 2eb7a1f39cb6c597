using System.Numerics;
using QNet.Kernel;
using QNet.Physics.States;

namespace QNet.Physics.Tests.States;

/// <summary>Teleportation through a Werner resource: average fidelity (2F+1)/3 (Horodecki 1999).</summary>
public class TeleportationCircuitTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.9)]
    [InlineData(0.7)]
    [InlineData(0.5)]
    public void Teleport_WernerResourceAveragedOverOctahedronStates_GivesTwoFPlusOneOverThree(double f)
    {
        // The six Pauli eigenstates form a 2-design, so their mean equals the Haar average of this
        // quadratic quantity exactly. Tolerance 1e-12: exact 3-qubit circuits.
        (double Theta, double Phi)[] inputs =
            [(0, 0), (Math.PI, 0), (Math.PI / 2, 0), (Math.PI / 2, Math.PI), (Math.PI / 2, Math.PI / 2), (Math.PI / 2, -Math.PI / 2)];
        double mean = inputs.Average(s => TeleportedFidelity(StateVectors.Qubit(s.Theta, s.Phi), f));
        Assert.Equal((2 * f + 1) / 3, mean, 1e-12);
    }

    [Fact]
    public void TeleportationFidelity_RandomBellDiagonalResource_EqualsOctahedronAverageOfCircuit()
    {
        // Holds for any Bell-diagonal resource, not only Werner: the average only sees the Φ+ weight.
        (double Theta, double Phi)[] inputs =
            [(0, 0), (Math.PI, 0), (Math.PI / 2, 0), (Math.PI / 2, Math.PI), (Math.PI / 2, Math.PI / 2), (Math.PI / 2, -Math.PI / 2)];
        var random = new RandomStream(62);
        for (int i = 0; i < 5; i++)
        {
            BellDiagonalState resource = Circuits.RandomBellDiagonal(random);
            double mean = inputs.Average(s => TeleportedFidelity(StateVectors.Qubit(s.Theta, s.Phi), resource));
            Assert.Equal(resource.TeleportationFidelity, mean, 1e-12);
        }
    }

    [Fact]
    public void Teleport_HaarRandomInputs_MeanFidelityWithinFiveStandardErrors()
    {
        const double F = 0.8;
        const int Samples = 400;
        var random = new RandomStream(61);
        var values = new double[Samples];
        for (int i = 0; i < Samples; i++)
        {
            // Haar-random qubit: a normalised vector of complex Gaussians.
            var psi = new Complex[] { new(random.NextGaussian(), random.NextGaussian()), new(random.NextGaussian(), random.NextGaussian()) };
            double norm = Math.Sqrt(psi[0].Magnitude * psi[0].Magnitude + psi[1].Magnitude * psi[1].Magnitude);
            values[i] = TeleportedFidelity([psi[0] / norm, psi[1] / norm], F);
        }
        double mean = values.Average();
        double se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (Samples - 1) / Samples);
        // For a Werner resource every input has the same fidelity, so the spread is ~0 and the bound is exact-ish.
        Assert.InRange(mean, (2 * F + 1) / 3 - 5 * se - 1e-12, (2 * F + 1) / 3 + 5 * se + 1e-12);
    }

    [Fact]
    public void Teleport_DephasedResource_DependsOnInputLikeBellDiagonalWeights()
    {
        // A Φ− admixture (Z error) leaves |0⟩ intact and flips |+⟩ to |−⟩ with its weight.
        var resource = new BellDiagonalState(0.9, 0, 0, 0.1);
        Assert.Equal(1, TeleportedFidelity(StateVectors.Qubit(0, 0), resource), 1e-12);
        Assert.Equal(0.9, TeleportedFidelity(StateVectors.Qubit(Math.PI / 2, 0), resource), 1e-12);
    }

    private static double TeleportedFidelity(Complex[] input, double resourceFidelity) =>
        TeleportedFidelity(input, BellDiagonalState.Werner(resourceFidelity));

    private static double TeleportedFidelity(Complex[] input, BellDiagonalState resource)
    {
        DensityMatrix register = DensityMatrix.FromPure(input).Tensor(resource.ToDensityMatrix());
        return Circuits.Teleport(register).FidelityTo(input);
    }
}
