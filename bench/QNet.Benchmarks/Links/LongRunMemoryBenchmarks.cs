using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QNet.Kernel;
using QNet.Network.Links;
using QNet.Network.Simulation;
using QNet.Physics.Hardware;

namespace QNet.Benchmarks.Links;

/// <summary>
/// Memory stays flat over long runs: the 50 km single-click link over 1, 10 and 50 simulated hours
/// allocates the same few kilobytes (set-up only), whatever the duration; time grows linearly.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LongRunMemoryBenchmarks
{
    private static readonly LinkRunSpec Link = new(
        "alice-bob",
        new SingleClickLink(new OpticalLinkHardware(OpticalPath.Of(new FiberChannel(50_000, 0.2)), new Detector(), PhotonSource.Ideal), 0.1),
        new QuantumMemory(1, 10, 1), new QuantumMemory(1, 10, 1));

    [Params(1, 10, 50)]
    public int Hours { get; set; }

    [Benchmark]
    public long Run() => LinkLayerRun.Run([Link], 7, SimTime.FromSeconds(3600.0 * Hours)).Links[0].Pairs;
}
