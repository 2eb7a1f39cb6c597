using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Switching;

namespace QNet.Network.Tests.Switching;

/// <summary>
/// The fidelity a switch delivers: an ideal swap (two leaves) or fusion (three or more) of the leaves' heralded Werner
/// pairs, with no dephasing in storage (the switch's decoherence model is loss). Closed forms written out here, exact to
/// floating-point accuracy (tolerance 1e-12).
/// </summary>
public sealed class SwitchFidelityTests
{
    private const string Yaml = """
        name: t
        nodes:
          - { id: hub, kind: switch, switch: { buffer: 2, lifetime: 20ms } }
          - { id: a, kind: end }
          - { id: b, kind: end }
          - { id: c, kind: end }
        links:
          - { id: ha, between: [hub, a], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.97 }
          - { id: hb, between: [hub, b], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.9 }
          - { id: hc, between: [hub, c], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.8 }
        sessions:
          - { id: ab, source: a, destination: b }
          - { id: abc, source: a, destination: b, application: ghz, parties: [c] }
        """;

    [Fact]
    public void Run_WernerLeaves_DeliversTheSwapAndFusionFidelity()
    {
        var scenario = ScenarioLoader.Parse(Yaml, "t.yaml", ScenarioUse.Simulation).Scenario!;
        SwitchModel model = Assert.Single(SwitchRun.ModelsOf(scenario));

        SwitchReport report = SwitchRun.Run(model, 3, SimTime.FromSeconds(1));

        double fa = 0.97, fb = 0.9, fc = 0.8;
        // Entanglement swapping of Werner pairs: F = Fa·Fb + (1 − Fa)(1 − Fb)/3.
        Assert.Equal(fa * fb + (1 - fa) * (1 - fb) / 3, report.Demands[0].Fidelity, 12);
        // Fusion with the switch measuring all its qubits (Physics.Ghz.GhzFusion): with e = (1 − F)/3,
        // F = ½[Π(F + e) + Π(F − e) + Π(2e)] over the three pairs (the Π(e − e) term vanishes).
        double ea = (1 - fa) / 3, eb = (1 - fb) / 3, ec = (1 - fc) / 3;
        double ghz = ((fa + ea) * (fb + eb) * (fc + ec) + (fa - ea) * (fb - eb) * (fc - ec) + 8 * ea * eb * ec) / 2;
        Assert.Equal(ghz, report.Demands[1].Fidelity, 12);
        Assert.True(report.Demands[0].Served > 0 && report.Demands[1].Served > 0);
    }
}
