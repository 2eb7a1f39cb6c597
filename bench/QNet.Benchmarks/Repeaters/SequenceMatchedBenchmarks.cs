using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Benchmarks.Repeaters;

/// <summary>
/// The Python simulator's chain with its own parameters (scenarios/sequence-matched-chain.yaml): 17 routers
/// 1 km apart, 50 memories each, 25 per request end, abstract links at the 2 kHz memory frequency with raw
/// fidelity 0.935, swap success 0.9, 1 simulated second. <see cref="SequenceComparisonBenchmarks"/> is the
/// same shape with QNet's double-click link physics instead; docs/benchmarks.md sets both beside the Python figure.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SequenceMatchedBenchmarks
{
    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(BenchPaths.RepositoryRoot, "scenarios", "sequence-matched-chain.yaml");
        ScenarioLoadResult loaded = ScenarioLoader.Parse(File.ReadAllText(path), path);
        _scenario = loaded.Scenario ?? throw new InvalidOperationException(string.Join(Environment.NewLine, loaded.Errors));
    }

    [Benchmark]
    public long MatchedChainOneSecond() => NetworkRun.Run(_scenario, _scenario.Seed, SimTime.FromSeconds(1)).Events;
}
