using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.GameDays;
using QNet.ControlPlane.Tests.Support;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Tests.GameDays;

/// <summary>
/// A live game day reads the target's stored session changes and mitigations. The store writes behind the twin, so an
/// event can show up well after its time (a long step at a high time factor, a busy store); and a burst can hold more
/// events than one call returns; and the target's health read can be a step older than its clock. Against a stand-in
/// target that does all three, every event is read exactly once, timed on the target's clock like the faults.
/// </summary>
public sealed class LiveTargetEventsTests
{
    private const string Experiment = """
        version: 1.0.0
        title: live events
        description: Reads the stand-in target's events.
        configuration: { scenario: metro, seed: 1 }
        steady-state-hypothesis:
          title: no page
          probes:
            - { name: link down, probe: alert, alert: QNetLinkDown, tolerance: [inactive] }
        method:
          - { type: action, name: wait, action: start-session, arguments: { source: alice, destination: bob }, pauses: { after: 5min } }
        """;

    [Fact]
    public async Task RunUntil_EventStoredLateABurstOverOnePageAndAStaleHealthRead_EachReadOnceOnTheTargetsClock()
    {
        await using var target = new StandInTarget(simulatedAtStart: 1000);
        // The store writes in time order, but late: the reroute at 1020 s and the 1,500 session changes made within six
        // seconds after it (more than one page of the history) show up only once the twin is at 1200 s.
        target.Store(new TwinEvent("mitigation", "", "", 1020, Change: "acted", Action: "reroute", Target: "carol-hub"), visibleFrom: 1200);
        for (int i = 0; i < 1500; i++)
        {
            target.Store(new TwinEvent("session", $"s-{i}", "", 1100 + (i / 250), Change: "admitted"), visibleFrom: 1200);
        }
        var loaded = ExperimentLoader.Parse(Experiment, "live.yaml", ".");
        Assert.Empty(loaded.Errors);
        using var api = new LiveApi(target.BaseUri, "operator-token", CancellationToken.None);
        var live = new LiveTarget(api, loaded.Experiment!, CancellationToken.None);
        var seen = new List<TwinEvent>();
        live.Observe(seen.Add, _ => { });

        live.RunUntil(250, () => { });

        Assert.Equal(1501, seen.Count);
        Assert.Single(seen, e => e.Type == "mitigation" && e.Target == "carol-hub");
        Assert.Equal(1500, seen.Where(e => e.Type == "session").Select(e => e.SessionId).Distinct(StringComparer.Ordinal).Count());
        // Times count from the run's start on the target's clock: the middle of the two clock reads around the connection
        // (1005 s and 1010 s), not the health read's simulated seconds, which come from an older snapshot.
        Assert.Equal(1020 - 1007.5, seen.Single(e => e.Type == "mitigation").SimulatedSeconds);
    }

    /// <summary>
    /// The calls a live game day makes, answered from a clock that moves 5 s of twin time per clock read and a store whose
    /// events become visible at a given twin time; the history filters and pages as the control plane's does.
    /// </summary>
    private sealed class StandInTarget : LoopbackHttpReceiver
    {
        private static readonly DateTimeOffset Epoch = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        private readonly List<(TwinEvent Event, double VisibleFrom)> _stored = [];
        private readonly Lock _gate = new();
        private double _simulated;

        public StandInTarget(double simulatedAtStart)
        {
            _simulated = simulatedAtStart;
            Serve();
        }

        public void Store(TwinEvent e, double visibleFrom)
        {
            lock (_gate)
            {
                _stored.Add((e, visibleFrom));
            }
        }

        protected override async Task HandleAsync(HttpListenerContext context)
        {
            string path = context.Request.Url!.AbsolutePath.TrimEnd('/');
            object? body;
            lock (_gate)
            {
                body = path switch
                {
                    "/api/v1/console/whoami" => Clock(),
                    // A lagging twin publishes its snapshot less often than its clock moves: the health read is a step behind.
                    "/health" => new { status = "ok", scenario = "metro", simulatedSeconds = _simulated - 20, timeFactor = 10_000.0, lagSeconds = 0.0, droppedStoreWrites = 0 },
                    "/api/v1/alerts" or "/api/v1/faults" => Array.Empty<object>(),
                    "/api/v1/events/history" => History(context.Request.QueryString),
                    _ => null,
                };
            }
            byte[] bytes = path == "/metrics" ? [] : Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, TwinPersistence.Json));
            context.Response.StatusCode = body is null && path != "/metrics" ? 404 : 200;
            context.Response.ContentType = path == "/metrics" ? "text/plain; version=0.0.4" : "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }

        private object Clock()
        {
            _simulated += 5;
            return new { role = "operator", twinNow = At(_simulated), faultKinds = Array.Empty<object>(), twinEpoch = Epoch };
        }

        // Newest first, since inclusive and until exclusive on the stored time (milliseconds), at most `limit`.
        private TwinEvent[] History(System.Collections.Specialized.NameValueCollection query)
        {
            long since = Millis(query["since"]) ?? long.MinValue, until = Millis(query["until"]) ?? long.MaxValue;
            int limit = int.Parse(query["limit"] ?? "100", CultureInfo.InvariantCulture);
            return _stored.Where(s => s.VisibleFrom <= _simulated)
                .Select(s => s.Event)
                .Where(e => At(e.SimulatedSeconds).ToUnixTimeMilliseconds() >= since && At(e.SimulatedSeconds).ToUnixTimeMilliseconds() < until)
                .OrderByDescending(e => e.SimulatedSeconds)
                .Take(limit)
                .ToArray();
        }

        private static DateTimeOffset At(double seconds) => Epoch.AddSeconds(seconds);

        private static long? Millis(string? text) => text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
    }
}
