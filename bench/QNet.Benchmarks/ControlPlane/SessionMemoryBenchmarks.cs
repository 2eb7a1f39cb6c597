using BenchmarkDotNet.Attributes;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Network.Scenarios;

namespace QNet.Benchmarks.ControlPlane;

/// <summary>
/// Scenario figure for flat memory: the metro twin (without its own sessions) receives <see cref="Sessions"/> short
/// API sessions one after another (2 ms each, one every 5 simulated ms, a third refused) and the managed heap after
/// a full collection is printed, with the sessions the twin and the scheduler still hold. <see cref="Bounded"/>
/// false keeps every ended session (the behaviour before retention) for comparison. One iteration per case.
/// Run: <c>dotnet run -c Release --project bench/QNet.Benchmarks -- --filter '*SessionMemory*'</c> (one iteration, in process).
/// </summary>
[Config(typeof(OneShotConfig))]
public class SessionMemoryBenchmarks
{
    [Params(2_000, 20_000)]
    public int Sessions { get; set; }

    [Params(true, false)]
    public bool Bounded { get; set; }

    [Benchmark]
    public long CreateAndEnd()
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var twin = new Twin(DefaultScenario.Load() with { Sessions = [] }, new TwinMetrics(), new EventHub(TimeProvider.System),
            new TwinClock(DateTimeOffset.UnixEpoch), 1, _ => Task.FromResult(true), _ => { });
        twin.RetainedEndedSessions = Bounded ? Twin.DefaultRetainedEndedSessions : int.MaxValue;
        twin.Scheduler.RetainedEndedSessions = Bounded ? 1000 : int.MaxValue;
        for (int i = 0; i < Sessions; i++)
        {
            twin.Submit(new SessionSpec("api-" + i, "alice", "bob") { MinFidelity = i % 3 == 0 ? 0.9999 : 0.5, DurationSeconds = 0.002 }, "api", DateTimeOffset.UnixEpoch);
            twin.Advance(new SimTime(twin.Simulator.Now.Picoseconds + SimTime.FromSeconds(0.005).Picoseconds));
            twin.ForgetEnded();
        }
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// session memory: {Sessions} sessions, bounded {Bounded}: managed heap {(after - before) / 1024.0 / 1024.0:F1} MiB above the start " +
            $"({after / 1024.0 / 1024.0:F1} MiB in all); twin holds {twin.Sessions.Count} sessions, scheduler {twin.Scheduler.KnownSessions}, paths {twin.Scheduler.HeldPaths}");
        GC.KeepAlive(twin);
        return after - before;
    }
}
