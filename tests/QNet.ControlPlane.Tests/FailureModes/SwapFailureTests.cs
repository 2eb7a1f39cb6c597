using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using Xunit.Abstractions;

namespace QNet.ControlPlane.Tests.FailureModes;

/// <summary>F6, entanglement swap failure (docs/failure-modes.md): gate degradation at the metro repeater r1, end to end.</summary>
public sealed class SwapFailureTests(ITestOutputHelper output)
{
    private const string Node = "r1";
    private const double Degradation = 0.05; // 0.475 expected: 0.5 lies 10 standard errors away over 40,000 attempts
    private const string Attempts = "qnet_swap_attempts_total";
    private const string Successes = "qnet_swap_successes_total";

    [Fact]
    public void Inject_SwapDegradation_SuccessScalesByOneMinusPAndClearRestores()
    {
        var h = new FailureModeHarness();
        h.Run(TimeSpan.FromMinutes(1));
        double a0 = h.SumOfLatest(Attempts, "node", Node), s0 = h.SumOfLatest(Successes, "node", Node);

        var id = h.Inject(FaultKind.SwapDegradation, Node, Degradation);
        h.Run(TimeSpan.FromMinutes(2));
        double a1 = h.SumOfLatest(Attempts, "node", Node), s1 = h.SumOfLatest(Successes, "node", Node);
        double healthy = s0 / a0, faulted = (s1 - s0) / (a1 - a0);
        output.WriteLine($"swap success healthy {healthy:F4} over {a0} attempts, faulted {faulted:F4} over {a1 - a0}; sessions {string.Join(", ", h.Twin.Sessions.Values.Select(s => s.Outcome))}");
        // Bell-state measurement success 0.5 scaled by (1 − p); tolerance five binomial standard errors of the faulted share.
        double expected = 0.5 * (1 - Degradation);
        double sigma = Math.Sqrt(expected * (1 - expected) / (a1 - a0));
        Assert.InRange(faulted, expected - 5 * sigma, expected + 5 * sigma);
        // SwapSuccessLow and the reroute at 25 % need a deeper degradation: the test below.

        h.Clear(id);
        h.Run(TimeSpan.FromMinutes(1));
        double a2 = h.SumOfLatest(Attempts, "node", Node), s2 = h.SumOfLatest(Successes, "node", Node);
        double restored = (s2 - s1) / (a2 - a1);
        double sigma0 = Math.Sqrt(0.25 / (a2 - a1));
        Assert.InRange(restored, 0.5 - 5 * sigma0, 0.5 + 5 * sigma0);
        Assert.All(h.Twin.Sessions.Values, s => Assert.Equal(SessionOutcome.Running, s.Outcome));
    }

    [Fact]
    public void Inject_DeepSwapDegradation_SessionsDegradeSwapSuccessLowFiresRerouteActsAndClearRestores()
    {
        var h = new FailureModeHarness();
        h.Run(TimeSpan.FromMinutes(2));
        double a0 = h.SumOfLatest(Attempts, "node", Node), s0 = h.SumOfLatest(Successes, "node", Node);
        var throughNode = h.Twin.Scheduler.ServedPaths.Where(p => p.Nodes.Contains(Node)).Select(p => p.Id).ToHashSet();
        Assert.NotEmpty(throughNode);

        var id = h.Inject(FaultKind.SwapDegradation, Node, DeepDegradation);
        // The swapped pairs are depolarised below the sessions' 0.9 target: the sessions through r1 serve on, degraded.
        Assert.All(throughNode, s => Assert.Equal(SessionOutcome.Degraded, h.Twin.Sessions[s].Outcome));

        h.Run(TimeSpan.FromMinutes(6));
        double a1 = h.SumOfLatest(Attempts, "node", Node), s1 = h.SumOfLatest(Successes, "node", Node);
        double faulted = (s1 - s0) / (a1 - a0);
        output.WriteLine($"swap success under p = {DeepDegradation}: {faulted:F4} over {a1 - a0} attempts");
        foreach (var r in h.Mitigation.Recent)
        {
            output.WriteLine($"{r.SimulatedSeconds:F0}s {r.Action} {r.Reason} {r.Target} {r.Value} lifted={r.Lifted}: {r.Detail}");
        }
        foreach (var a in h.Monitor.Alerts)
        {
            output.WriteLine($"alert {a.Name} {a.Status} {string.Join(",", a.Labels.Select(kv => kv.Key + "=" + kv.Value))}");
        }
        output.WriteLine(string.Join(", ", h.Twin.Sessions.Values.Select(s => $"{s.Info.Spec.Id}={SessionNames.Of(s.Outcome)}")));
        double expected = 0.5 * (1 - DeepDegradation);
        double sigma = Math.Sqrt(expected * (1 - expected) / (a1 - a0));
        Assert.InRange(faulted, expected - 5 * sigma, expected + 5 * sigma);
        Assert.Equal("firing", h.AlertStatus("SwapSuccessLow", "node", Node));
        // The reroute rule avoids r1 (success under 25 %); alice reaches the network only through r1, so its sessions stay
        // on their path, degraded, and purification is raised on them.
        Assert.NotEmpty(h.Actions("reroute", Node));

        h.Clear(id);
        // Clearing re-decides the sessions on the healthy repeater: they meet their target again.
        Assert.All(h.Twin.Sessions.Values, s => Assert.Equal(SessionOutcome.Running, s.Outcome));
        for (int minute = 1; minute <= 20 && h.Firing("SwapSuccessLow"); minute++)
        {
            h.Run(TimeSpan.FromMinutes(1));
            output.WriteLine($"{minute} min after the clear: SwapSuccessLow {(h.Firing("SwapSuccessLow") ? "firing" : "resolved")}");
        }
        Assert.False(h.Firing("SwapSuccessLow"));
        Assert.All(h.Twin.Sessions.Values, s => Assert.Equal(SessionOutcome.Running, s.Outcome));
    }

    // Success 0.5 · (1 − 0.6) = 0.2: under the reroute rule's 25 % and the swap SLO's 40 % slices.
    private const double DeepDegradation = 0.6;
}
