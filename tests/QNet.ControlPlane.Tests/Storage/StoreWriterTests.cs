using Microsoft.Extensions.Logging.Abstractions;
using QNet.ControlPlane.Storage;

namespace QNet.ControlPlane.Tests.Storage;

/// <summary>Group commit: what is queued together is committed in one transaction, and a session write completes only once committed.</summary>
public sealed class StoreWriterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-writer-{Guid.NewGuid():N}");

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static SessionRecord Session(int i, string outcome) =>
        new("s" + i, "{}", "trace-" + i, "span", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + i), "api", outcome, null, outcome == "running" ? 0 : 5, double.NaN);

    [Fact]
    public async Task Enqueue_SessionsQueuedTogether_OneTransactionWithEachSessionsLastStateAndTasksTrueOnlyAfterIt()
    {
        await using var store = await ControlPlaneStore.OpenAsync(Path.Combine(_root, "cp.db"), null);
        var writer = new StoreWriter(store, NullLogger<StoreWriter>.Instance);
        var first = Enumerable.Range(0, 100).Select(i => writer.Enqueue(Session(i, "running"))).ToArray();
        var last = Enumerable.Range(0, 100).Select(i => writer.Enqueue(Session(i, "completed"))).ToArray();
        writer.Enqueue(new EventRecord(DateTimeOffset.UnixEpoch, "s0", "trace-0", "{}"));

        // Nothing runs before the writer starts: no task may claim its write is stored.
        Assert.DoesNotContain(first.Concat(last), t => t.IsCompleted);
        await writer.StartAsync(CancellationToken.None);
        Assert.All(await Task.WhenAll(first.Concat(last)), Assert.True);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal((1L, 100L), writer.Batching); // 201 writes, one transaction, each session once
        var rows = await store.ListSessionsAsync();
        Assert.Equal(100, rows.Count);
        Assert.All(rows, r => Assert.Equal(("completed", 5L), (r.Outcome, r.Pairs)));
        Assert.Single(await store.ListEventsAsync("s0", 10));
    }

    [Fact]
    public async Task Enqueue_SameIdOtherTrace_NeverOverwritesTheStoredSession()
    {
        await using var store = await ControlPlaneStore.OpenAsync(Path.Combine(_root, "cp.db"), null);
        var writer = new StoreWriter(store, NullLogger<StoreWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        Assert.True(await writer.Enqueue(Session(1, "completed")));
        Assert.True(await writer.Enqueue(Session(1, "running") with { TraceId = "another-trace" }));
        await writer.StopAsync(CancellationToken.None);

        var row = Assert.Single(await store.ListSessionsAsync());
        Assert.Equal(("trace-1", "completed"), (row.TraceId, row.Outcome));
    }
}
