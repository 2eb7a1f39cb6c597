using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Benchmarks.Switching;

/// <summary>
/// The switch of issue 17: 10 leaves with 10 buffer slots each, 1 simulated hour. Leaf links are abstract
/// (probabilistic) links of 10–100 Hz (leaf i: p = 0.001·(i+1), τ = 100 µs, so 10·(i+1) Hz), stored qubits live 100 ms on
/// average, and every pair of leaves has an always-on request (45 requests), served oldest first.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SwitchHourBenchmarks
{
    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup() => _scenario = TenLeaves();

    [Benchmark]
    public long TenLeavesTenSlotsOneHour() => NetworkRun.Run(_scenario, 1, SimTime.FromSeconds(3600)).Events;

    /// <summary>
    /// Five timed runs after a warm-up (<c>-- switch</c>), for a quick figure without BenchmarkDotNet: wall time and
    /// this process's CPU time per run (on a shared machine the CPU time is the figure the load does not inflate).
    /// </summary>
    public static void RunOnce()
    {
        Scenario scenario = TenLeaves();
        NetworkRun.Run(scenario, 1, SimTime.FromSeconds(60));
        for (int i = 0; i < 5; i++)
        {
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            RunResult result = NetworkRun.Run(scenario, 1, SimTime.FromSeconds(3600));
            double wall = clock.Elapsed.TotalSeconds;
            double used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine(FormattableString.Invariant(
                $"switch 10 leaves x 10 slots, 1 h: wall {wall:F3} s, cpu {used:F3} s, {result.Events:N0} events, capacity {result.Switches[0].PairsPerSecond:F2} pairs/s"));
        }
    }

    /// <summary>The benchmark scenario, built as a scenario file so the loader's checks apply.</summary>
    internal static Scenario TenLeaves()
    {
        var yaml = new StringBuilder("""
            name: switch-10x10
            nodes:
              - { id: hub, kind: switch, switch: { buffer: 10, policy: oldest-first, lifetime: 100ms } }

            """);
        for (int i = 0; i < 10; i++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: n{i}, kind: end }}");
        }
        yaml.AppendLine("links:");
        for (int i = 0; i < 10; i++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture,
                $"  - {{ id: l{i}, between: [hub, n{i}], heralding: probabilistic, successProbability: {0.001 * (i + 1)}, attemptDuration: 100us, fidelity: 0.95 }}");
        }
        yaml.AppendLine("sessions:");
        for (int i = 0; i < 10; i++)
        {
            for (int j = i + 1; j < 10; j++)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: s{i}-{j}, source: n{i}, destination: n{j} }}");
            }
        }
        ScenarioLoadResult loaded = ScenarioLoader.Parse(yaml.ToString(), "switch-10x10.yaml", ScenarioUse.Simulation);
        return loaded.Scenario ?? throw new InvalidOperationException(string.Join(Environment.NewLine, loaded.Errors));
    }
}
