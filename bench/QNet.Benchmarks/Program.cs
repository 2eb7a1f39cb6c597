using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using QNet.Benchmarks.ControlPlane;

namespace QNet.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/QNet.Benchmarks -- --filter '*'</c> runs every
/// BenchmarkDotNet benchmark; <c>-- --list flat</c> lists them; <c>-- metro-twin HOURS</c> runs the metro twin
/// once offline for HOURS simulated hours (<see cref="MetroTwinDayBenchmark"/>); <c>-- chain NODES [RUNS]</c> runs the repeater chain for 1 simulated second once (or RUNS times in one process, the later runs warm);
/// <c>-- sequence</c> runs the 17-node comparison chain (<see cref="Repeaters.SequenceComparisonBenchmarks"/>) for 1 simulated second once;
/// <c>-- switch</c> runs the 10-leaf switch for 1 simulated hour once.
/// </summary>
internal static class Program
{
    // Builds of the generated benchmark project can take minutes on a busy two-core machine.
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "metro-twin")
        {
            MetroTwinDayBenchmark.RunOnce(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 24);
            return;
        }
        if (args.Length > 0 && args[0] == "chain")
        {
            Repeaters.ChainScalingBenchmarks.RunOnce(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
            return;
        }
        if (args.Length > 0 && args[0] == "sequence")
        {
            Repeaters.SequenceComparisonBenchmarks.RunOnce();
            return;
        }
        if (args.Length > 0 && args[0] == "switch")
        {
            Switching.SwitchHourBenchmarks.RunOnce();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
    }
}
