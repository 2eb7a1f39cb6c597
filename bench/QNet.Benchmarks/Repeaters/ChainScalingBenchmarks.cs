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

    /// <summary>
    /// The <c>chain NODES [RUNS]</c> command: one cold run (set-up excluded from the timing), for profiling; with RUNS, that
    /// many runs in one process, the later ones warm.
    /// </summary>
    public static void RunOnce(int nodes, int runs = 1) =>
        ColdRun.Print($"chain {nodes} nodes", ChainScenarios.Chain(nodes, 25, "single-click", 2, 1), runs);
}
