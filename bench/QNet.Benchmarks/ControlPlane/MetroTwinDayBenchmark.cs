using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Slo;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;

namespace QNet.Benchmarks.ControlPlane;

/// <summary>
/// Scenario benchmark: the built-in metro twin run offline for a number of simulated hours with its observer,
/// metrics, tallies, metric history and the in-process SLO engine, as <c>DefaultNetworkSloTests</c> and
/// <see cref="TwinRunner"/> drive it (advance 15 s, publish, sample, tick the evaluator). The target is a simulated
/// day in well under a minute in Release. <c>dotnet run -c Release --project bench/QNet.Benchmarks -- metro-twin 24</c>
/// runs it once and prints wall time, CPU time and events (for profiling with dotnet-trace).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class MetroTwinDayBenchmark
{
    [Params(24)]
    public double Hours { get; set; }

    /// <summary>Returns the simulator's events, so the run cannot be optimised away.</summary>
    [Benchmark]
    public long RunWithSloEngine() => Run(Hours).Events;

    /// <summary>
    /// One offline run; returns the events processed (the shared simulator's and the session partitions'), the number of
    /// alert instances that were ever active and the events still pending in the shared queue.
    /// </summary>
    public static (long Events, int Alerts, int Pending) Run(double hours)
    {
        var clock = new TwinClock(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var metrics = new TwinMetrics();
        var twin = new Twin(DefaultScenario.Load(), metrics, new EventHub(TimeProvider.System), clock, 1, _ => Task.FromResult(true), _ => { });
        var history = new TwinHistory();
        var monitor = new SloMonitor(SloMonitor.LoadSpecs([]), history, clock, () => []);
        foreach (var spec in twin.Scenario.Sessions)
        {
            twin.Submit(spec, "scenario", clock.GetUtcNow());
        }
        var step = SimTime.FromSeconds(TwinHistory.SampleInterval.TotalSeconds);
        var end = SimTime.FromSeconds(hours * 3600);
        var calibrateEvery = SimTime.FromSeconds(8 * 3600);
        var nextCalibration = calibrateEvery;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long ticks = 0;
        while (twin.Simulator.Now < end)
        {
            twin.Advance(new SimTime(twin.Simulator.Now.Picoseconds + step.Picoseconds));
            if (twin.Simulator.Now >= nextCalibration)
            {
                foreach (var link in twin.Scenario.Links)
                {
                    twin.Calibrate(link.Id);
                }
                nextCalibration = new SimTime(nextCalibration.Picoseconds + calibrateEvery.Picoseconds);
            }
            twin.Publish(0);
            if (history.SampleIfDue(metrics.Tallies, clock.GetUtcNow().ToUnixTimeMilliseconds()) is not null)
            {
                monitor.Tick(++ticks, long.MaxValue / 4);
                foreach (var alert in monitor.Alerts)
                {
                    if (alert.Status != "resolved")
                    {
                        seen.Add(alert.Name + " " + string.Join(",", alert.Labels.Values));
                    }
                }
            }
        }
        monitor.Tick(long.MaxValue / 2, 1);
        // The sessions run in partitions of their own (QNET_TWIN_THREADS) whose events the shared simulator does not count.
        return (twin.Simulator.EventsProcessed + twin.Scheduler.PartitionEvents, seen.Count, twin.Simulator.PendingEvents);
    }

    /// <summary>The <c>metro-twin HOURS</c> command: one run, its wall and CPU time.</summary>
    public static void RunOnce(double hours)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes();
        var wall = Stopwatch.StartNew();
        var (events, alerts, pending) = Run(hours);
        wall.Stop();
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"metro twin {hours} h: {events:N0} events ({pending} pending in the shared queue at the end), {alerts} alerts, wall {wall.Elapsed.TotalSeconds:F1} s, CPU {cpuSeconds:F1} s " +
            $"({cpuSeconds * 1e9 / Math.Max(1, events):F0} CPU-ns/event), {(GC.GetTotalAllocatedBytes() - allocated) / (1 << 20)} MiB allocated, " +
            $"{GC.CollectionCount(2)} gen-2 GCs, peak working set {process.PeakWorkingSet64 / (1 << 20)} MiB"));
    }
}
