using QNet.Kernel;
using QNet.Network.Applications;
using QNet.Physics.States;

namespace QNet.Network.Tests.Applications;

public class TeleportationTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.9)]
    [InlineData(0.6)]
    public void TeleportRandomState_Average_IsTwoFPlusOneOverThree(double f)
    {
        var resource = BellDiagonalState.Werner(f);
        var random = new RandomStream(21);
        const int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += Teleportation.TeleportRandomState(resource, random);
        }
        // Each sample lies in [0, 1]: standard error at most 0.5/√n; five of them.
        double tolerance = 5 * 0.5 / Math.Sqrt(n);
        Assert.InRange(sum / n, (2 * f + 1) / 3 - tolerance, (2 * f + 1) / 3 + tolerance);
        Assert.Equal((2 * f + 1) / 3, Teleportation.AverageFidelity(resource), 12);
    }

    [Fact]
    public void Fidelity_ZErrorOnly_SparesZEigenstates()
    {
        // A Φ− resource applies Z: |0⟩ (Bloch z = 1) survives, |+⟩ (x = 1) is flipped.
        var resource = new BellDiagonalState(0, 0, 0, 1);
        Assert.Equal(1.0, Teleportation.Fidelity(resource, 0, 0, 1), 12);
        Assert.Equal(0.0, Teleportation.Fidelity(resource, 1, 0, 0), 12);
    }
}
