using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Benchmarks.Repeaters;

/// <summary>
/// Scenario benchmark: a repeater chain of N nodes (single-click links of 25 km, one end-to-end session,
/// asap swapping with pipelining), one simulated second. The target is under 2 s at 1,000 nodes and
/// cost linear in N up to 10,000.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ChainScalingBenchmarks
{
    private Scenario _scenario = null!;

    [Params(100, 1000, 10_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup() => _scenario = ChainScenarios.Chain(Nodes, 25, "single-click", 2, 1);

    /// <summary>Returns the events processed, so the run cannot be optimised away.</summary>
    [Benchmark]
    public long OneSimulatedSecond() => NetworkRun.Run(_scenario, 1, SimTime.FromSeconds(1)).Events;

    /// <summary>The <c>chain NODES</c> command: one cold run (set-up excluded from the timing), for profiling.</summary>
    public static void RunOnce(int nodes)
    {
        var scenario = ChainScenarios.Chain(nodes, 25, "single-click", 2, 1);
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        long events = NetworkRun.Run(scenario, 1, SimTime.FromSeconds(1)).Events;
        wall.Stop();
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"chain {nodes} nodes, 1 simulated s: {events:N0} events, wall {wall.Elapsed.TotalSeconds:F2} s, CPU {cpuSeconds:F2} s ({cpuSeconds * 1e9 / Math.Max(1, events):F0} CPU-ns/event)"));
    }
}
