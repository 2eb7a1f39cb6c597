using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QNet.Kernel;
using QNet.Network.Simulation;

namespace QNet.Benchmarks.Links;

/// <summary>
/// Memory stays flat over long runs: the 50 km single-click link over 1, 10 and 50 simulated hours
/// allocates the same few kilobytes (set-up only), whatever the duration; time grows linearly.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LongRunMemoryBenchmarks
{
    [Params(1, 10, 50)]
    public int Hours { get; set; }

    [Benchmark]
    public long Run() => LinkLayerRun.Run([SingleClickHourBenchmarks.Link], 7, SimTime.FromSeconds(3600.0 * Hours)).Links[0].Pairs;
}
