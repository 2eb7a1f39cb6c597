using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QNet.Kernel;
using QNet.Network.Links;
using QNet.Network.Simulation;
using QNet.Physics.Hardware;

namespace QNet.Benchmarks.Links;

/// <summary>
/// Scenario benchmark: the 50 km single-click link of the shipped scenario, one hour of simulated
/// time, with each engine. The target is under one second with attempt skipping and per-attempt
/// within ten times that.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SingleClickHourBenchmarks
{
    /// <summary>The shipped two-node scenario's link: 50 km single-click, α = 0.1.</summary>
    internal static readonly LinkRunSpec Link = new(
        "alice-bob",
        new SingleClickLink(new OpticalLinkHardware(OpticalPath.Of(new FiberChannel(50_000, 0.2)), new Detector(), PhotonSource.Ideal), 0.1),
        new QuantumMemory(1, 10, 1), new QuantumMemory(1, 10, 1));

    [Params(LinkEngine.AttemptSkipping, LinkEngine.PerAttempt)]
    public LinkEngine Engine { get; set; }

    [Benchmark]
    public long OneHour() => LinkLayerRun.Run([Link], 7, SimTime.FromSeconds(3600), Engine).Links[0].Pairs;
}
