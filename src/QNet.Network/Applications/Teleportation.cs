using QNet.Kernel;
using QNet.Physics.States;

namespace QNet.Network.Applications;

/// <summary>
/// Teleportation of a qubit state over an entangled pair. With a Bell-diagonal resource the output is
/// the input after the resource's Pauli errors: a pure input of Bloch vector n comes out with fidelity
/// F = w_I + w_X·n_x² + w_Y·n_y² + w_Z·n_z²; averaged over all inputs this is (2F_pair + 1)/3 (Horodecki 1999).
/// </summary>
public static class Teleportation
{
    /// <summary>Fidelity of teleporting the pure state with Bloch vector (x, y, z), |n| = 1.</summary>
    public static double Fidelity(in BellDiagonalState resource, double x, double y, double z) =>
        resource.PhiPlus + resource.PsiPlus * x * x + resource.PsiMinus * y * y + resource.PhiMinus * z * z;

    /// <summary>Average fidelity over all pure inputs: (2F + 1)/3.</summary>
    public static double AverageFidelity(in BellDiagonalState resource) => (2 * resource.Fidelity + 1) / 3;

    /// <summary>Teleports a test state drawn uniformly from the Bloch sphere and returns its fidelity.</summary>
    public static double TeleportRandomState(in BellDiagonalState resource, RandomStream random)
    {
        double x, y, z, norm;
        do
        {
            x = random.NextGaussian();
            y = random.NextGaussian();
            z = random.NextGaussian();
            norm = Math.Sqrt(x * x + y * y + z * z);
        }
        while (norm < 1e-12);
        return Fidelity(resource, x / norm, y / norm, z / norm);
    }
}
