using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using Xunit.Abstractions;

namespace QNet.ControlPlane.Tests.FailureModes;

/// <summary>F3, memory decoherence (docs/failure-modes.md): a T2 drop at the metro hub, end to end.</summary>
public sealed class MemoryDecoherenceTests(ITestOutputHelper output)
{
    private const string Node = "hub";
    private const double NominalT2Seconds = 10; // scenarios/metro.yaml
    private const double T2Factor = 0.3;
    private const string CoherenceTime = "qnet_memory_coherence_time_seconds";

    // The probe's estimate has about 4 % standard error (docs/failure-modes.md, F3); 20 % is five of them.
    private const double ProbeTolerance = 0.2;

    [Fact]
    public void Inject_MemoryT2Drop_ProbeFollowsAlertPendsCutoffsShortenAndClearRestores()
    {
        var h = new FailureModeHarness();
        h.Run(TimeSpan.FromMinutes(2));
        Assert.InRange(h.Latest(CoherenceTime, "node", Node) ?? double.NaN, NominalT2Seconds * (1 - ProbeTolerance), NominalT2Seconds * (1 + ProbeTolerance));

        var id = h.Inject(FaultKind.MemoryT2Drop, Node, T2Factor);
        // MemoryDecoherence: the 10-minute mean of M5 below half the nominal T2 for 5 m. The probe follows within about
        // 3 minutes, so the mean crosses 5 s after about 8 minutes of fault; 10 minutes sees it pending.
        h.Run(TimeSpan.FromMinutes(10));
        double faulted = NominalT2Seconds * T2Factor;
        double measured = h.Latest(CoherenceTime, "node", Node) ?? double.NaN;
        output.WriteLine($"T2 estimate under the fault: {measured:F3} s (expected {faulted} s)");
        Assert.InRange(measured, faulted * (1 - ProbeTolerance), faulted * (1 + ProbeTolerance));
        Assert.True(h.AlertStatus("MemoryDecoherence", "node", Node) is "pending" or "firing", h.AlertStatus("MemoryDecoherence", "node", Node));
        foreach (var r in h.Mitigation.Recent)
        {
            output.WriteLine($"{r.SimulatedSeconds:F0}s {r.Action} {r.Reason} {r.Target} {r.Value} lifted={r.Lifted}: {r.Detail}");
        }
        Assert.NotEmpty(h.Actions("shorten-cutoff", Node));

        h.Clear(id);
        // The 10-minute mean climbs back above 5 s about 5 minutes after the probe recovers.
        h.Run(TimeSpan.FromMinutes(9));
        Assert.InRange(h.Latest(CoherenceTime, "node", Node) ?? double.NaN, NominalT2Seconds * (1 - ProbeTolerance), NominalT2Seconds * (1 + ProbeTolerance));
        Assert.Null(h.AlertStatus("MemoryDecoherence", "node", Node));
        Assert.All(h.Twin.Sessions.Values, s => Assert.Equal(SessionOutcome.Running, s.Outcome));
    }
}
