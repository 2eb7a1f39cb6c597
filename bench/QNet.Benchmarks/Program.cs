using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace QNet.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/QNet.Benchmarks -- --filter '*'</c> runs every
/// BenchmarkDotNet benchmark; <c>-- --list flat</c> lists them.
/// </summary>
internal static class Program
{
    // Builds of the generated benchmark project can take minutes on a busy two-core machine.
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
}
