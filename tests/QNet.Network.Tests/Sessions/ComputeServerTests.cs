using QNet.Kernel;
using QNet.Network.Sessions;
using QNet.Physics.Compute;
using QNet.Physics.Hardware;
using QNet.Physics.States;

namespace QNet.Network.Tests.Sessions;

/// <summary>
/// The processor as a resource: a task holds a data qubit for its circuit's duration, later tasks wait, and a waiting
/// server half decoheres with the node's memory. Deterministic (no random draws), so the checks are exact to rounding (1e-12).
/// </summary>
public sealed class ComputeServerTests
{
    private const double F = 0.95;
    private const double T1 = 0.01;
    private const double T2 = 0.004;
    private const double P2 = 0.02;
    private const double R = 0.01;
    private static readonly QuantumProcessor Processor = new(1, 0, 300e-6, 200e-6, 0, P2, R);

    [Fact]
    public void Submit_TwoRemoteCnotsOnOneQubit_TheSecondWaitsOneCircuitAndItsPairDecoheres()
    {
        var sim = new Simulator(1);
        var server = new ComputeServer(sim, Processor, new QuantumMemory(2, T1, T2));
        var done = new List<(double Time, double Fidelity)>();
        long arrived = sim.Now.Picoseconds;
        for (int i = 0; i < 2; i++)
        {
            server.Submit(new ComputeTask(ComputeOffload.RemoteCnotSeconds(Processor),
                s => ComputeOffload.RemoteCnot(s.Waited(BellDiagonalState.Werner(F), arrived), Processor), f => done.Add((sim.Now.Seconds, f))));
        }
        Assert.Equal(1, server.Waiting);

        sim.Run();

        double tau = 500e-6;
        Assert.Equal(2, done.Count);
        Assert.Equal(tau, done[0].Time, 1e-12);
        Assert.Equal(2 * tau, done[1].Time, 1e-12);
        Assert.Equal(RemoteCnot(F, 0), done[0].Fidelity, 1e-12);
        Assert.Equal(RemoteCnot(F, tau), done[1].Fidelity, 1e-12);
        Assert.True(done[1].Fidelity < done[0].Fidelity);
    }

    [Fact]
    public void Submit_ZeroDurationCircuit_CompletesAtOnceWithoutAnEvent()
    {
        var sim = new Simulator(1);
        var server = new ComputeServer(sim, QuantumProcessor.Ideal, new QuantumMemory());
        int done = 0;

        for (int i = 0; i < 5; i++)
        {
            server.Submit(new ComputeTask(0, _ => 1, _ => done++));
        }

        Assert.Equal(5, done);
        Assert.Equal(0, server.Waiting);
    }

    // F_e = (1 − p₂)[(1 − r)Φ+ + rΦ−] + p₂/8 (docs/physics.md) on a Werner pair whose server half waited t in memory:
    // the twirled T1/T2 channel pX = pY = (1 − e^{−t/T1})/4, pZ = 1/2 − pX − e^{−t/T2}/2 moves weight between the Bell
    // states (X: Φ+ ↔ Ψ+, Z: Φ+ ↔ Φ−, Y: Φ+ ↔ Ψ−; Ψ+ —Y→ Φ−, Ψ− —X→ Φ−).
    private static double RemoteCnot(double f, double t)
    {
        double pxy = (1 - Math.Exp(-t / T1)) / 4;
        double pz = 0.5 - pxy - Math.Exp(-t / T2) / 2;
        double pi = 1 - 2 * pxy - pz;
        double other = (1 - f) / 3;
        double phiPlus = f * pi + other * (2 * pxy + pz);
        double phiMinus = other * pi + f * pz + other * 2 * pxy;
        return (1 - P2) * ((1 - R) * phiPlus + R * phiMinus) + P2 / 8;
    }
}
