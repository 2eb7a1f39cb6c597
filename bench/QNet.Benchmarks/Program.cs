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
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "metro-twin")
        {
            if (!TryPositive(args, 1, "HOURS", 24.0, whole: false, out double hours))
            {
                return 2;
            }
            MetroTwinDayBenchmark.RunOnce(hours);
            return 0;
        }
        if (args.Length > 0 && args[0] == "chain")
        {
            if (!TryPositive(args, 1, "NODES", 10_000, whole: true, out double nodes) || !TryPositive(args, 2, "RUNS", 1, whole: true, out double runs))
            {
                return 2;
            }
            Repeaters.ChainScalingBenchmarks.RunOnce((int)nodes, (int)runs);
            return 0;
        }
        if (args.Length > 0 && args[0] == "sequence")
        {
            Repeaters.SequenceComparisonBenchmarks.RunOnce();
            return 0;
        }
        if (args.Length > 0 && args[0] == "switch")
        {
            Switching.SwitchHourBenchmarks.RunOnce();
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
        return 0;
    }

    // The command's argument at index (the fallback when absent): a number above zero, whole when asked; otherwise a
    // message on standard error naming the argument.
    private static bool TryPositive(string[] args, int index, string name, double fallback, bool whole, out double value)
    {
        if (args.Length <= index)
        {
            value = fallback;
            return true;
        }
        bool parsed = double.TryParse(args[index], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        if (parsed && double.IsFinite(value) && value > 0 && (!whole || (value == Math.Floor(value) && value <= int.MaxValue)))
        {
            return true;
        }
        Console.Error.WriteLine($"{args[0]}: {name} must be {(whole ? "a whole number" : "a number")} above zero, got '{args[index]}'");
        return false;
    }
}
