using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Network.Mitigation;
using QNet.Network.Scenarios;

namespace QNet.Benchmarks.ControlPlane;

/// <summary>
/// Scenario figure (issue 14): what the mitigation policy costs the metro twin. The twin runs its three entanglement
/// sessions (metrics, observer, tallies, publish every simulated second) for <see cref="SimulatedSeconds"/>, with the
/// default policy on or without it; a third of the way in the r1–hub link loses 1 dB/km and r1's memory drops to 30 %
/// of its T2, so the policy reads every signal and acts (reroute, shorter cutoffs). Printed: CPU seconds of the run,
/// the time factor one core sustains (simulated / CPU seconds; ×100 is the target), and the actions taken.
/// Run: <c>dotnet run -c Release --project bench/QNet.Benchmarks -- --filter '*MitigationBenchmarks*'</c>.
/// </summary>
[Config(typeof(OneShotConfig))]
public class MitigationBenchmarks
{
    public const double SimulatedSeconds = 600;

    [Params(false, true)]
    public bool PolicyOn { get; set; }

    [Benchmark]
    public double MetroTwin()
    {
        var scenario = DefaultScenario.Load();
        var clock = new TwinClock(DateTimeOffset.UnixEpoch);
        var events = new EventHub(TimeProvider.System);
        var twin = new Twin(scenario, new TwinMetrics(), events, clock, 100, _ => Task.FromResult(true), _ => { });
        var engine = PolicyOn ? twin.EnableMitigation(MitigationPolicy.Default, events) : null;
        foreach (var s in scenario.Sessions)
        {
            twin.Submit(s, "scenario", DateTimeOffset.UnixEpoch);
        }
        string load = SessionApiBenchmarks.LoadAverage();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (int second = 1; second <= SimulatedSeconds; second++)
        {
            if (second == (int)(SimulatedSeconds / 3))
            {
                twin.Inject(FaultKind.AttenuationStep, "r1-hub", 1.0, null, clock.GetUtcNow());
                twin.Inject(FaultKind.MemoryT2Drop, "r1", 0.3, null, clock.GetUtcNow());
            }
            twin.Advance(SimTime.FromSeconds(second));
            twin.Publish(0);
        }
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        string actions = engine is null ? "none (policy off)" : string.Join(", ", engine.Recent.Select(r => $"{r.Action} {r.Target} at {r.SimulatedSeconds:F0} s"));
        Console.WriteLine($"// metro twin, policy {(PolicyOn ? "on" : "off")}: {SimulatedSeconds:F0} simulated s in {cpuSeconds:F2} CPU s " +
            $"= x{SimulatedSeconds / cpuSeconds:F0} on one core; actions: {actions}; load average {load} -> {SessionApiBenchmarks.LoadAverage()}");
        return cpuSeconds;
    }
}
