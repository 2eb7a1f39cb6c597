using System.Diagnostics;
using System.Globalization;
using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Benchmarks.Repeaters;

/// <summary>
/// One cold run of a scenario for one simulated second, as the command-line benchmarks make it: the run's own CPU time
/// (every thread of the process, the JIT's included; the set-up before it excluded), wall time and events.
/// </summary>
internal static class ColdRun
{
    /// <summary>
    /// Runs <paramref name="scenario"/> <paramref name="runs"/> times in this process and prints each as
    /// "<paramref name="label"/>, 1 simulated s: events, wall, CPU": the first run is cold (it pays the JIT's warm-up), the
    /// ones after it show the steady state.
    /// </summary>
    public static void Print(string label, Scenario scenario, int runs = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var process = Process.GetCurrentProcess();
        for (int run = 1; run <= runs; run++)
        {
            process.Refresh();
            TimeSpan cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            long events = NetworkRun.Run(scenario, 1, SimTime.FromSeconds(1)).Events;
            wall.Stop();
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            string which = runs == 1 ? "" : run == 1 ? $" (run 1 of {runs}, cold)" : $" (run {run} of {runs}, warm)";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}{which}, 1 simulated s: {events:N0} events, wall {wall.Elapsed.TotalSeconds:F2} s, CPU {cpuSeconds:F2} s ({cpuSeconds * 1e9 / Math.Max(1, events):F0} CPU-ns/event)"));
        }
    }
}
