using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using QNet.Network.Scenarios;

namespace QNet.Benchmarks.Scenarios;

/// <summary>
/// Loading a repeater chain of N nodes (N−1 single-click fiber links with detectors), the size of
/// the 1,000- and 10,000-node chains the repeater benchmarks simulate: the loader must not be the
/// part that grows faster than linearly.
/// </summary>
[MemoryDiagnoser]
public class ScenarioLoaderBenchmarks
{
    private string _text = "";

    [Params(100, 1_000, 10_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup() => _text = Chain(Nodes);

    [Benchmark]
    public Scenario Parse() => ScenarioLoader.Parse(_text, "chain.yaml").Scenario ?? throw new InvalidOperationException("chain did not load");

    /// <summary>A chain scenario in the file format: end nodes at both ends, repeaters between.</summary>
    public static string Chain(int nodes)
    {
        var text = new StringBuilder("name: chain\nseed: 1\nduration: 1s\nnodes:\n");
        for (int i = 0; i < nodes; i++)
        {
            string kind = i == 0 || i == nodes - 1 ? "end" : "repeater";
            string swap = kind == "repeater" ? ", swap: { protocol: asap, successProbability: 0.5, gateDepolarizing: 0.01, readoutError: 0.01 }" : "";
            text.Append(CultureInfo.InvariantCulture, $"  - {{ id: n{i}, kind: {kind}, memory: {{ slots: 2, t1: 10s, t2: 1s }}{swap} }}\n");
        }
        text.Append("links:\n");
        for (int i = 0; i + 1 < nodes; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {{ id: l{i}, between: [n{i}, n{i + 1}], length: 25km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.1, detector: {{ efficiency: 0.9, darkCountRate: 10Hz }} }}\n");
        }
        return text.ToString();
    }
}
