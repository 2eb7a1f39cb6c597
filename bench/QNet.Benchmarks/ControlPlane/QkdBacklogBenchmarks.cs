using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Twin;
using QNet.Kernel;

namespace QNet.Benchmarks.ControlPlane;

/// <summary>
/// Scenario figure: does the metro network's QKD link (decoy BB84, 10⁶-bit blocks, about 42 simulated seconds each)
/// keep up with the twin at a time factor? The twin's clock is advanced from the wall clock × <see cref="TimeFactor"/>
/// every 20 ms exactly as <c>TwinRunner</c> does, and the link's <see cref="QkdDriver"/> follows it on its own task
/// for <see cref="WallSeconds"/>; printed are the backlog at the end (twin time minus QKD time), the blocks run, the
/// CPU, bytes allocated and gen-2 collections per block, and the factor the QKD clock followed (simulated QKD seconds
/// per wall second: the sustainable factor when it is backlogged). One iteration.
/// Run: <c>dotnet run -c Release --project bench/QNet.Benchmarks -- --filter '*QkdBacklog*'</c>.
/// </summary>
[Config(typeof(OneShotConfig))]
public class QkdBacklogBenchmarks
{
    public const double WallSeconds = 20;

    [Params(100)]
    public double TimeFactor { get; set; }

    [Benchmark]
    public double Backlog()
    {
        var scenario = DefaultScenario.Load();
        var link = scenario.Links.Single(l => l.Qkd is not null);
        var clock = new TwinClock(DateTimeOffset.UnixEpoch);
        var driver = new QkdDriver(link, new Simulator(scenario.Seed), new QkdKeyBridge(clock.At));
        using var stop = new CancellationTokenSource();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        int gen2 = GC.CollectionCount(2);
        string load = SessionApiBenchmarks.LoadAverage();
        var qkd = Task.Factory.StartNew(() => driver.RunAsync(() => clock.Simulated, TimeSpan.FromMilliseconds(100), TimeProvider.System, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        long start = Stopwatch.GetTimestamp();
        double elapsed;
        while ((elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds) < WallSeconds)
        {
            clock.Set(SimTime.FromSeconds(elapsed * TimeFactor));
            Thread.Sleep(20);
        }
        double backlog = (clock.Simulated - driver.Simulated).Seconds;
        stop.Cancel();
        qkd.GetAwaiter().GetResult();
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        double allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
        gen2 = GC.CollectionCount(2) - gen2;
        int blocks = Math.Max(1, driver.Blocks);
        double simulatedPerBlock = driver.Simulated.Seconds / blocks;
        // While behind, the driver runs blocks back to back, so QKD time gained per wall second is the most it can follow.
        Console.WriteLine($"// QKD at x{TimeFactor}: {elapsed:F1} wall s = {clock.Simulated.Seconds:F0} twin s; {driver.Blocks} blocks ({driver.SecretBits} secret bits, " +
            $"{simulatedPerBlock:F1} simulated s each) reached {driver.Simulated.Seconds:F0} s: backlog {backlog:F0} simulated s; CPU {cpuSeconds / blocks * 1000:F0} ms per block " +
            $"(all threads), {allocatedMb / blocks:F0} MB allocated and {(double)gen2 / blocks:F1} gen-2 GCs per block (all threads), {elapsed / blocks * 1000:F0} wall ms per block; followed factor {driver.Simulated.Seconds / elapsed:F0} (the sustainable factor when backlogged; " +
            $"{simulatedPerBlock / (cpuSeconds / blocks):F0} on a whole free core); load average {load} -> {SessionApiBenchmarks.LoadAverage()}");
        return backlog;
    }
}
