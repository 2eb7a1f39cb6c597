using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Benchmarks.Repeaters;

/// <summary>
/// The chain the leading Python simulator's documentation benchmarks: 17 nodes 1 km apart with a
/// midpoint station (double-click heralding) per link, 50 memories per node emitting at 2 kHz (that
/// simulator's example memory frequency), one request for end-to-end pairs using 25 memories per
/// link end, over one simulated second.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SequenceComparisonBenchmarks
{
    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup() => _scenario = Build();

    [Benchmark]
    public long SeventeenNodesOneSecond() => NetworkRun.Run(_scenario, 1, SimTime.FromSeconds(1)).Events;

    /// <summary>The <c>sequence</c> command: one cold run (set-up excluded from the timing), as <c>chain NODES</c> makes.</summary>
    public static void RunOnce() => ColdRun.Print("sequence comparison chain 17 nodes", Build());

    private static Scenario Build() => ChainScenarios.Chain(17, 1, "double-click", 50, 25, swapSuccess: 0.64, repetitionRate: "2kHz");
}
