using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using QNet.ControlPlane.Telemetry;
using QNet.Network.Scenarios;

namespace QNet.Benchmarks.ControlPlane;

/// <summary>
/// <c>GET /metrics</c> for a 1,000-link network: every link has its pair counter, fidelity and heralding-latency
/// histograms, transmittance and drift gauges filled (about 36,000 exposition lines), rendered afresh per request
/// (the exporter's response cache is off). Target: under 50 ms.
/// </summary>
[MemoryDiagnoser]
public class MetricsRenderBenchmarks
{
    public const int Links = 1000;
    private BenchServer _server = null!;

    [GlobalSetup]
    public void Setup()
    {
        var yaml = new StringBuilder("name: thousand-links\nnodes:\n");
        for (int i = 0; i <= Links; i++)
        {
            yaml.Append($"  - {{ id: n{i}, kind: end }}\n");
        }

        yaml.Append("links:\n");
        for (int i = 0; i < Links; i++)
        {
            yaml.Append($"  - {{ id: l{i}, between: [n{i}, n{i + 1}], length: 10km, heralding: single-click, brightStatePopulation: 0.01 }}\n");
        }

        var scenario = ScenarioLoader.Parse(yaml.ToString(), "thousand.yaml").Scenario ?? throw new InvalidOperationException("bad scenario");
        _server = BenchServer.StartAsync(scenario, 1).GetAwaiter().GetResult();
        var metrics = _server.Host.Services.GetRequiredService<TwinMetrics>();
        for (int i = 0; i < Links; i++)
        {
            for (int k = 0; k < 5; k++)
            {
                metrics.LinkPair($"l{i}", 0.9 + 0.01 * k, 1e-4 * (k + 1));
            }
        }
        var text = _server.Client.GetStringAsync("metrics").GetAwaiter().GetResult();
        Console.WriteLine($"// /metrics: {text.Length} bytes, {text.Count(c => c == '\n')} lines");
    }

    [GlobalCleanup]
    public void Cleanup() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task<int> RenderMetrics() => (await _server.Client.GetStringAsync("metrics")).Length;
}
