using QNet.ControlPlane.Events;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Tests.Twin;

/// <summary>A twin that receives sessions forever keeps flat memory: ended sessions leave it, their history stays in the store.</summary>
public sealed class TwinRetentionTests
{
    // The metro network without its own (endless) sessions; every write goes to a dictionary standing in for the store.
    private static (ControlPlane.Twin.Twin Twin, Dictionary<string, SessionRecord> Store) NewTwin(Func<SessionState, Task<bool>>? persist = null)
    {
        var store = new Dictionary<string, SessionRecord>(StringComparer.Ordinal);
        var twin = new ControlPlane.Twin.Twin(DefaultScenario.Load() with { Sessions = [] }, new TwinMetrics(), new EventHub(TimeProvider.System),
            new TwinClock(DateTimeOffset.UnixEpoch), 1, persist ?? (s => { store[s.Info.Spec.Id] = TwinPersistence.Record(s); return Task.FromResult(true); }), _ => { });
        return (twin, store);
    }

    // 2 ms sessions alice -> bob (a third refused: fidelity target out of reach), one submitted every 5 simulated ms.
    private static SessionSpec Short(int i) => new("api-" + i, "alice", "bob") { MinFidelity = i % 3 == 0 ? 0.9999 : 0.5, DurationSeconds = 0.002 };

    [Fact]
    public void Submit_TwentyThousandEndedSessions_InMemoryCountsStayBoundedAndTheStoreKeepsEvery()
    {
        const int n = 20_000;
        var (twin, store) = NewTwin();
        twin.RetainedEndedSessions = 100;
        int mostInTwin = 0, mostInScheduler = 0, mostPaths = 0;
        for (int i = 0; i < n; i++)
        {
            twin.Submit(Short(i), "api", DateTimeOffset.UnixEpoch);
            twin.Advance(new SimTime(twin.Simulator.Now.Picoseconds + SimTime.FromSeconds(0.005).Picoseconds));
            twin.ForgetEnded();
            mostInTwin = Math.Max(mostInTwin, twin.Sessions.Count);
            mostInScheduler = Math.Max(mostInScheduler, twin.Scheduler.KnownSessions);
            mostPaths = Math.Max(mostPaths, twin.Scheduler.HeldPaths);
        }

        // Each session ends (2 ms) before the next arrives (5 ms), and writes complete at once here: the twin holds at
        // most the 100 retained plus the one just submitted; the scheduler at most its own 1,000 plus that one.
        Assert.InRange(mostInTwin, 100, 101);
        Assert.Equal(100, twin.Sessions.Count);
        Assert.Equal(100, twin.EndedInMemory);
        Assert.InRange(mostInScheduler, 1000, 1001);
        Assert.InRange(mostPaths, 0, 1); // ended sessions hold no path protocols: nothing accumulates per session
        Assert.Equal(Enumerable.Range(n - 100, 100).Select(i => "api-" + i).Order(StringComparer.Ordinal), twin.Sessions.Keys.Order(StringComparer.Ordinal));

        // Every session's final state is in the store: refused, or ended (completed or failed), none left running.
        Assert.Equal(n, store.Count);
        Assert.Equal(n / 3 + 1, store.Values.Count(r => r.Outcome == "refused")); // i = 0, 3, ..., 19,998
        Assert.DoesNotContain(store.Values, r => r.Outcome is "pending" or "running");
        Assert.Contains(store.Values, r => r.Outcome == "completed" && r.Pairs > 0);
    }

    [Fact]
    public void ForgetEnded_WriteNotYetCommitted_KeepsTheSessionUntilItIs()
    {
        var pending = new List<TaskCompletionSource<bool>>();
        var (twin, _) = NewTwin(_ =>
        {
            var done = new TaskCompletionSource<bool>();
            pending.Add(done);
            return done.Task;
        });
        twin.RetainedEndedSessions = 0;
        for (int i = 0; i < 10; i++)
        {
            twin.Submit(Short(3 * i), "api", DateTimeOffset.UnixEpoch); // refused at once: ended
        }
        twin.ForgetEnded();
        Assert.Equal(10, twin.Sessions.Count);

        // The store commits the first four (FIFO): exactly those leave memory; the rest wait for their writes.
        foreach (var done in pending.Take(4))
        {
            done.SetResult(true);
        }
        twin.ForgetEnded();
        Assert.Equal(Enumerable.Range(4, 6).Select(i => "api-" + 3 * i).Order(StringComparer.Ordinal), twin.Sessions.Keys.Order(StringComparer.Ordinal));
        foreach (var done in pending.Skip(4))
        {
            done.SetResult(true);
        }
        twin.ForgetEnded();
        Assert.Empty(twin.Sessions);
    }
}
