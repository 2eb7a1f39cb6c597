using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using QNet.ControlPlane.Telemetry;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// The span structure of one session's trace, on a fake clock, seen by an <see cref="ActivityListener"/> (process-wide,
/// so spans are filtered by this test's trace ids).
/// </summary>
public sealed class SessionTracerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SessionTracerTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SessionTracer.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    private Activity[] SpansOf(string traceId) => _stopped.Where(a => a.TraceId.ToHexString() == traceId).ToArray();

    [Fact]
    public void Begin_RequestedByAnApiRequest_RootLinksToTheRequestInItsOwnTrace()
    {
        var time = new FakeTimeProvider(Start);
        var tracer = new SessionTracer(time, TimeSpan.FromSeconds(1));
        var request = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

        var (traceId, _) = tracer.Begin("s-linked", "api", "raw", null, null, request);
        tracer.Changed("s-linked", "completed", "completed", null, 1, ended: true);

        var root = Assert.Single(SpansOf(traceId), a => a.ParentSpanId == default);
        Assert.NotEqual(request.TraceId.ToHexString(), traceId);
        var link = Assert.Single(root.Links);
        Assert.Equal(request.TraceId, link.Context.TraceId);
        Assert.Equal(request.SpanId, link.Context.SpanId);
    }

    [Fact]
    public void Begin_NewSession_RootSpanCarriesSessionAndEndsWithOutcome()
    {
        var time = new FakeTimeProvider(Start);
        var tracer = new SessionTracer(time, TimeSpan.FromSeconds(1));
        var (traceId, spanId) = tracer.Begin("s-root", "api", "raw", null, null);
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Empty(SpansOf(traceId));

        time.Advance(TimeSpan.FromSeconds(3));
        tracer.Changed("s-root", "admitted", "running", null, 0, ended: false);
        tracer.Changed("s-root", "failed", "failed", "link cut", 2.5, ended: true);

        var spans = SpansOf(traceId);
        var root = Assert.Single(spans, a => a.ParentSpanId == default);
        Assert.Equal("session s-root", root.DisplayName);
        Assert.Equal(spanId, root.SpanId.ToHexString());
        Assert.Equal("s-root", root.GetTagItem("qnet.session"));
        Assert.Equal("failed", root.GetTagItem("qnet.outcome"));
        Assert.Equal(ActivityStatusCode.Error, root.Status);
        Assert.Equal(Start.UtcDateTime, root.StartTimeUtc);
        Assert.Equal(TimeSpan.FromSeconds(3), root.Duration);
        Assert.Equal(["session admitted", "session failed"], spans.Where(a => a != root).Select(a => a.DisplayName).Order().ToArray());
        Assert.All(spans.Where(a => a != root), a => Assert.Equal(root.SpanId, a.ParentSpanId));
        Assert.Equal(0, tracer.LiveSessions);
    }

    [Fact]
    public void Event_ManyHeraldsInOneWindow_OneSpanCountsAllAndKeepsFirstEvents()
    {
        var time = new FakeTimeProvider(Start);
        var tracer = new SessionTracer(time, TimeSpan.FromSeconds(1));
        var (traceId, spanId) = tracer.Begin("s-window", "scenario", "raw", null, null);
        var before = Activity.Current;
        for (int i = 0; i < 1000; i++)
        {
            // 1000 heralds 0.5 ms apart: 0.4995 s of wall time, all inside the first 1 s window.
            var span = tracer.Event("s-window", "herald", 10 + i * 1e-3, 0.9, false, new KeyValuePair<string, object?>("qnet.link", "a-b"));
            Assert.NotNull(span);
            time.Advance(TimeSpan.FromTicks(5_000));
        }
        for (int i = 0; i < 10; i++)
        {
            tracer.Event("s-window", "swap", 11, double.NaN, i % 2 == 0, new KeyValuePair<string, object?>("qnet.node", "r1"));
        }
        Assert.Same(before, Activity.Current);
        Assert.Empty(SpansOf(traceId));

        // The next herald after the window closes the expired window spans (heralds and swaps) at the window's end and opens another.
        time.Advance(TimeSpan.FromSeconds(2));
        tracer.Event("s-window", "herald", 13, 0.8, false, new KeyValuePair<string, object?>("qnet.link", "a-b"));
        var swaps = Assert.Single(SpansOf(traceId), a => a.DisplayName == "swaps");
        Assert.Equal(10L, swaps.GetTagItem("qnet.count"));
        Assert.Equal(5L, swaps.GetTagItem("qnet.successes"));
        var heralds = Assert.Single(SpansOf(traceId), a => a.DisplayName == "heralds");
        Assert.Equal("heralds", heralds.DisplayName);
        Assert.Equal(spanId, heralds.ParentSpanId.ToHexString());
        Assert.Equal(1000L, heralds.GetTagItem("qnet.count"));
        Assert.Equal(0.9, (double)heralds.GetTagItem("qnet.fidelity_mean")!, 12);
        Assert.Equal(10.0, heralds.GetTagItem("qnet.simulated_start_seconds"));
        Assert.Equal(TimeSpan.FromSeconds(1), heralds.Duration);
        Assert.Equal(SessionTracer.EventsPerWindow, heralds.Events.Count());
        Assert.Equal([10.0, 10.001], heralds.Events.Take(2).Select(e => (double)e.Tags.Single(t => t.Key == "qnet.simulated_seconds").Value!).ToArray());
        Assert.Equal(Start.UtcDateTime, heralds.Events.First().Timestamp.UtcDateTime);

        // Ending the session closes the open window (the second herald window) and the root.
        tracer.Changed("s-window", "completed", "completed", null, 14, ended: true);
        var spans = SpansOf(traceId);
        Assert.Equal(2, spans.Count(a => a.DisplayName == "heralds"));
        Assert.Equal(1L, spans.Last(a => a.DisplayName == "heralds").GetTagItem("qnet.count"));
        Assert.Single(spans, a => a.DisplayName == "session s-window");
        Assert.Same(before, Activity.Current);
    }

    [Fact]
    public void Begin_ResumedSession_ContinuesStoredTrace()
    {
        var tracer = new SessionTracer(new FakeTimeProvider(Start), TimeSpan.FromSeconds(1));
        const string storedTrace = "0af7651916cd43dd8448eb211c80319c";
        const string storedSpan = "b7ad6b7169203331";
        var ids = tracer.Begin("s-resumed", "api", "qkd", storedTrace, storedSpan);
        Assert.Equal((storedTrace, storedSpan), ids);
        tracer.Changed("s-resumed", "cancelled", "cancelled", null, 1, ended: true);
        var resumed = Assert.Single(SpansOf(storedTrace), a => a.DisplayName == "session s-resumed resumed");
        Assert.Equal(storedSpan, resumed.ParentSpanId.ToHexString());
    }

    [Fact]
    public void Event_UnknownSession_NoSpan()
    {
        var tracer = new SessionTracer(new FakeTimeProvider(Start), TimeSpan.FromSeconds(1));
        Assert.Null(tracer.Event("nobody", "herald", 1, 0.9, false));
    }
}
