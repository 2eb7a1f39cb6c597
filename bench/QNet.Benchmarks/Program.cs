using BenchmarkDotNet.Running;

namespace QNet.Benchmarks;

internal static partial class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
