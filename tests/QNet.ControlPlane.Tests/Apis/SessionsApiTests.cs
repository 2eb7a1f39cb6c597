using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Apis;

[Collection("servers")]
public sealed class SessionsApiTests(MetroServerFixture fixture)
{
    private ControlPlaneServer Server => fixture.Server;

    [Fact]
    public async Task Create_AdmittedSession_IsServedAndShowsInListMetricsAndEventStream()
    {
        using var events = new HttpClient { BaseAddress = Server.Host.ApiUrl, Timeout = Timeout.InfiniteTimeSpan };
        events.DefaultRequestHeaders.Authorization = new("Bearer", Server.ViewerToken);
        using var stream = await events.GetAsync("api/v1/events?session=api-qkd-1", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.StartsWith(":", await reader.ReadLineAsync());

        using var created = await Server.Operator.PostAsync("api/v1/sessions",
            ControlPlaneServer.Json("""{"id":"api-qkd-1","source":"bob","destination":"dave","application":"qkd","minFidelity":0.9,"cutoffSeconds":0.01}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ControlPlaneServer.ReadJsonAsync(created);
        Assert.Equal("running", body.GetProperty("outcome").GetString());
        Assert.True(body.GetProperty("admitted").GetBoolean());
        string traceId = body.GetProperty("traceId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        // The admission event reaches the stream with the session's trace id, then deliveries follow.
        var seen = new List<JsonElement>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string? type = null;
        while (seen.All(e => e.GetProperty("type").GetString() != "delivery") && await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }

            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var e = JsonDocument.Parse(line[6..]).RootElement.Clone();
                Assert.Equal(type, e.GetProperty("type").GetString());
                Assert.Equal("api-qkd-1", e.GetProperty("sessionId").GetString());
                Assert.Equal(traceId, e.GetProperty("traceId").GetString());
                seen.Add(e);
            }
        }
        Assert.Contains(seen, e => e.GetProperty("type").GetString() == "session" && e.GetProperty("change").GetString() == "admitted");

        var served = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var s = await ControlPlaneServer.ReadJsonAsync(await Server.Viewer.GetAsync("api/v1/sessions/api-qkd-1"));
            return s.GetProperty("pairs").GetInt64() > 0 ? (object)s : null;
        }, "pairs delivered to api-qkd-1");
        var list = await ControlPlaneServer.ReadJsonAsync(await Server.Viewer.GetAsync("api/v1/sessions"));
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("id").GetString() == "api-qkd-1" && s.GetProperty("traceId").GetString() == traceId);

        // Its class is the only "qkd" one, so these series are its own.
        var metrics = await Server.Anonymous.GetStringAsync("metrics");
        Assert.Equal([1.0], PrometheusText.Values(metrics, "qnet_session_requests_total", ("outcome", "admitted"), ("session_class", "qkd")));
        Assert.True(PrometheusText.Values(metrics, "qnet_session_pairs_delivered_total", ("session_class", "qkd")).Single() > 0);
    }

    [Fact]
    public async Task Create_UnreachableFidelity_Returns409WithReason()
    {
        using var refused = await Server.Operator.PostAsync("api/v1/sessions",
            ControlPlaneServer.Json("""{"id":"too-good","source":"alice","destination":"bob","minFidelity":0.9999}"""));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var body = await ControlPlaneServer.ReadJsonAsync(refused);
        Assert.Equal("refused", body.GetProperty("outcome").GetString());
        Assert.Contains("fidelity target", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Cancel_RunningSession_EndsItAsCancelled()
    {
        using var created = await Server.Operator.PostAsync("api/v1/sessions", ControlPlaneServer.Json("""{"id":"to-cancel","source":"carol","destination":"alice","minFidelity":0.8}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var cancelled = await Server.Operator.DeleteAsync("api/v1/sessions/to-cancel");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await ControlPlaneServer.ReadJsonAsync(cancelled)).GetProperty("outcome").GetString());
        using var again = await Server.Operator.DeleteAsync("api/v1/sessions/to-cancel");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
