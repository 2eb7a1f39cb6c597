using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// A session created over HTTP on a host started with an OTLP endpoint: the loopback receiver gets one root span
/// for it, its herald/swap/delivery window spans in the same trace, and the event stream and session view carry the
/// same trace id. The receiver sees every QNet.Twin span of the process (another host may run), so spans are
/// selected by session id and trace id.
/// </summary>
[Collection("servers")]
public sealed class SessionTraceExportTests(TracedServerFixture fixture) : IClassFixture<TracedServerFixture>
{
    private const string SessionId = "traced-1";

    [Fact]
    public async Task Create_SessionOverHttp_ExportsOneRootSpanAndItsTraceReachesSpansEventsAndView()
    {
        using var events = fixture.Client(fixture.ViewerToken);
        using var stream = await events.GetAsync($"api/v1/events?session={SessionId}", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.StartsWith(":", await reader.ReadLineAsync());

        using var created = await fixture.Operator.PostAsync("api/v1/sessions",
            ControlPlaneServer.Json($$"""{"id":"{{SessionId}}","source":"bob","destination":"dave","application":"raw","minFidelity":0.8,"pairs":20}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        string traceId = (await ControlPlaneServer.ReadJsonAsync(created)).GetProperty("traceId").GetString()!;

        // Every stream event of the session, up to its end, carries the trace id.
        var seen = new List<JsonElement>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!seen.Any(e => e.GetProperty("type").GetString() == "session" && e.GetProperty("change").GetString() is "ended" or "completed")
            && await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                seen.Add(JsonDocument.Parse(line[6..]).RootElement.Clone());
            }
        }
        Assert.Contains(seen, e => e.GetProperty("change").ValueKind == JsonValueKind.String && e.GetProperty("change").GetString() == "admitted");
        Assert.All(seen, e => Assert.Equal(traceId, e.GetProperty("traceId").GetString()));
        var view = await ControlPlaneServer.ReadJsonAsync(await fixture.Viewer.GetAsync($"api/v1/sessions/{SessionId}"));
        Assert.Equal(traceId, view.GetProperty("traceId").GetString());
        Assert.Equal("completed", view.GetProperty("outcome").GetString());

        // The root span is exported when the session ends; the exporter sends a batch every 5 s.
        var root = await ControlPlaneServer.EventuallyAsync(() => Task.FromResult(
            fixture.Receiver.Spans.FirstOrDefault(s => s.Name == $"session {SessionId}")), $"the root span of {SessionId} at the OTLP receiver (rejected: {string.Join("; ", fixture.Receiver.Rejected)})");
        Assert.Equal(traceId, root.TraceId);
        Assert.Equal("", root.ParentSpanId);
        Assert.Equal("QNet.Twin", root.Scope);
        Assert.Equal(SessionId, root.Attributes["qnet.session"]);
        Assert.Equal("api", root.Attributes["qnet.origin"]);
        Assert.Equal("completed", root.Attributes["qnet.outcome"]);
        Assert.Single(fixture.Receiver.Spans, s => s.Attributes.GetValueOrDefault("qnet.session") == SessionId && s.ParentSpanId == "");

        // Every span of the session is in its trace, under its root; heralds, swaps (bob-r2-hub-dave has two repeaters) and deliveries are there,
        // and 20 delivered pairs are counted in the delivery windows.
        var spans = fixture.Receiver.Spans.Where(s => s.Attributes.GetValueOrDefault("qnet.session") == SessionId).ToArray();
        Assert.All(spans, s => Assert.Equal(traceId, s.TraceId));
        Assert.All(spans.Where(s => s != root), s => Assert.Equal(root.SpanId, s.ParentSpanId));
        Assert.Contains(spans, s => s.Name == "heralds" && long.Parse(s.Attributes["qnet.count"]) > 0 && s.Events.Contains("herald"));
        Assert.Contains(spans, s => s.Name == "swaps" && long.Parse(s.Attributes["qnet.count"]) > 0);
        Assert.True(20 == spans.Where(s => s.Name == "deliveries").Sum(s => long.Parse(s.Attributes["qnet.count"])), string.Join("\n", spans.Select(s => s.Name + " " + string.Join(",", s.Attributes.Select(a => a.Key + "=" + a.Value)))));
        Assert.Contains(spans, s => s.Name == "session admitted");
    }
}
