using BenchmarkDotNet.Running;

namespace QNet.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/QNet.Benchmarks -- --filter '*'</c> runs every
/// BenchmarkDotNet benchmark; <c>-- --list flat</c> lists them.
/// </summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
