using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Tests.Entanglement;

/// <summary>
/// A node's classical processing delay (F4) keeps pairs waiting in memory; the delivered fidelity falls
/// exactly as the memory decoherence formulas (shared/physics REFERENCE, T1/T2) say for the extra wait.
/// Links succeed on every attempt (p = 1), so every time in the run is deterministic and the check is exact.
/// </summary>
public sealed class ProcessingDelayTests
{
    private const double Tau = 1e-3;          // attempt duration of each abstract link, s
    private const double LinkMetres = 20_000; // each link: 100 µs one-way at 2×10⁸ m/s
    private const double Delay = LinkMetres / 2e8;

    [Fact]
    public void Deliver_TwoNodesWithProcessingDelays_FidelityFollowsT1T2DecayOverTheLongerWait()
    {
        var memory = new QuantumMemory(1, 0.020, 0.010);
        double[] processing = [2e-3, 0.5e-3];

        double withDelay = FirstFidelity(1, memory, processing);
        double without = FirstFidelity(1, memory, [0, 0]);

        // A herald is acted on when the slower end has processed it: each qubit waits τ + L/c + max(d_A, d_B).
        // One qubit held t keeps I, X, Y, Z with p_I = (1 + e^{−t/T1} + 2e^{−t/T2})/4, p_X = p_Y = (1 − e^{−t/T1})/4,
        // p_Z = (1 + e^{−t/T1} − 2e^{−t/T2})/4 (twirled T1/T2 channel); Φ+ survives when both qubits got the same Pauli.
        Assert.Equal(BothQubitsAlike(Tau + Delay + 2e-3, memory), withDelay, 12);
        Assert.Equal(BothQubitsAlike(Tau + Delay, memory), without, 12);
        Assert.True(without - withDelay > 0.05, $"fidelity {without} → {withDelay}");
    }

    [Fact]
    public void Deliver_OneRepeaterWithProcessingDelays_FidelityFollowsDephasingOverEveryExtraWait()
    {
        var memory = new QuantumMemory(1, double.PositiveInfinity, 0.010);
        double d0 = 1e-3, d1 = 3e-3, d2 = 0.5e-3;

        double withDelay = FirstFidelity(2, memory, [d0, d1, d2]);
        double without = FirstFidelity(2, memory, [0, 0, 0]);

        // Both links herald at t_h = τ + L/c + max(d_0, d_1) = τ + L/c + max(d_1, d_2); each of their four qubits
        // waits that long. The repeater swaps at once, processes (d_1), the outcome travels L/c and each end
        // processes it: the ends wait d_1 + L/c + max(d_0, d_2) more. Pure dephasing composes: with Σt the
        // total qubit storage time, F = (1 + e^{−Σt/T2})/2.
        double link = Tau + Delay + Math.Max(d0, d1);
        double news = d1 + Delay + Math.Max(d0, d2);
        Assert.Equal(Dephased(4 * link + 2 * news), withDelay, 12);
        Assert.Equal(Dephased(4 * (Tau + Delay) + 2 * Delay), without, 12);
        Assert.True(without - withDelay > 0.1, $"fidelity {without} → {withDelay}");
    }

    private static double Dephased(double qubitSeconds) => (1 + Math.Exp(-qubitSeconds / 0.010)) / 2;

    private static double BothQubitsAlike(double t, QuantumMemory m)
    {
        double e1 = Math.Exp(-t / m.T1Seconds), e2 = Math.Exp(-t / m.T2Seconds);
        double pi = (1 + e1 + 2 * e2) / 4, px = (1 - e1) / 4, pz = (1 + e1 - 2 * e2) / 4;
        return pi * pi + 2 * px * px + pz * pz;
    }

    private static double FirstFidelity(int segments, QuantumMemory memory, double[] processing)
    {
        var sim = new Simulator(3);
        var path = OpticalPath.Of(new FiberChannel(LinkMetres));
        var def = new PathDefinition(
            Enumerable.Range(0, segments + 1).Select(i => $"n{i}").ToArray(),
            Enumerable.Range(0, segments).Select(i => $"l{i}").ToArray(),
            Enumerable.Range(0, segments).Select(_ => (ILinkModel)new ProbabilisticLink(1, SimTime.FromSeconds(Tau), 1, path)).ToArray(),
            Enumerable.Range(0, segments + 1).Select(_ => memory).ToArray(),
            Enumerable.Range(0, segments + 1).Select(_ => BellStateMeasurement.Ideal).ToArray(),
            Enumerable.Range(0, segments).Select(_ => Delay).ToArray())
        {
            ProcessingDelaysSeconds = processing,
        };
        var harness = new ChainHarness();
        var protocol = new PathProtocol(sim, "s", def, ChainHarness.Textbook, nested: false, cutoff: null, LinkEngine.AttemptSkipping, harness);
        protocol.Start();
        sim.RunUntil(SimTime.FromSeconds(0.05));
        Assert.NotEmpty(harness.Fidelities);
        return harness.Fidelities[0];
    }
}
