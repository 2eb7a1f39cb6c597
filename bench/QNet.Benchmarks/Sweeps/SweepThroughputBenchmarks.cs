using BenchmarkDotNet.Attributes;
using QNet.Network.Generators;
using QNet.Network.Scenarios;
using QNet.Network.Sweeps;

namespace QNet.Benchmarks.Sweeps;

/// <summary>
/// Sweep throughput: a generated 5-node probabilistic chain with a session (5 simulated seconds per
/// run), swept over 8 link lengths × 2 runs = 16 simulations, on one thread and on every core. Points
/// per second = 8 / mean time; the ratio of the two is the parallel speed-up.
/// </summary>
[MemoryDiagnoser]
public class SweepThroughputBenchmarks
{
    private string _text = "";
    private SweepParameter[] _parameters = [];

    [Params(1, -1)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = TopologyGenerator.Generate(new TopologySpec(TopologyShape.Chain)
        {
            Nodes = 5,
            Heralding = HeraldingScheme.Probabilistic,
            SwapSuccess = 0.9,
            GateDepolarizing = 0.01,
            Session = true,
            DurationSeconds = 5,
        });
        _parameters = [SweepParameter.TryParse("links.*.length=5km..40km:5km", out string error) ?? throw new InvalidOperationException(error)];
    }

    [Benchmark]
    public SweepResult Sweep() => SweepRunner.Run(_text, "chain.yaml", _parameters, runs: 2, maxDegreeOfParallelism: Threads);
}
