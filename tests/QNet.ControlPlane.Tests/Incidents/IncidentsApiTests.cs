using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Incidents;

/// <summary>
/// <c>/api/v1/incidents</c> on the real service: Alertmanager's webhook lands in the incident record, roles and illegal
/// transitions are refused with problem details, and the postmortem is Markdown.
/// </summary>
[Collection("servers")]
public sealed class IncidentsApiTests(MetroServerFixture fixture)
{
    /// <summary>An Alertmanager v4 notification with one alert on <paramref name="link"/>.</summary>
    internal static string Webhook(string link, bool resolved = false, string alertname = "QNetLinkDown") => $$"""
        {"version":"4","groupKey":"{}/{severity=\"page\"}:{link=\"{{link}}\"}","status":"{{(resolved ? "resolved" : "firing")}}","receiver":"qnet-page",
         "groupLabels":{"link":"{{link}}"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://127.0.0.1:9093",
         "alerts":[{"status":"{{(resolved ? "resolved" : "firing")}}","labels":{"alertname":"{{alertname}}","severity":"page","link":"{{link}}"},
           "annotations":{"summary":"link {{link}} is down","runbook_url":"https://runbooks.example/link-down"},
           "startsAt":"2026-12-06T10:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://127.0.0.1:9090/graph","fingerprint":"x"}]}
        """;

    internal static async Task<JsonElement> IncidentOfLinkAsync(HttpClient viewer, string link)
    {
        var list = await ControlPlaneServer.ReadJsonAsync(await viewer.GetAsync("api/v1/incidents"));
        return Assert.Single(list.EnumerateArray(), i => i.GetProperty("group").TryGetProperty("link", out var l) && l.GetString() == link);
    }

    [Fact]
    public async Task Webhook_FiringTwiceThenResolved_OneIncidentOneAlertResolvedAutomatically()
    {
        var server = fixture.Server;
        var link = "am-" + Guid.NewGuid().ToString("N")[..8];
        using (var first = await server.Operator.PostAsync("api/alert-webhooks/page", ControlPlaneServer.Json(Webhook(link))))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var again = await server.Operator.PostAsync("api/alert-webhooks/page", ControlPlaneServer.Json(Webhook(link))))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var open = await IncidentOfLinkAsync(server.Viewer, link);
        Assert.Equal("open", open.GetProperty("state").GetString());
        var alert = Assert.Single(open.GetProperty("alerts").EnumerateArray());
        Assert.Equal(["alertmanager"], alert.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        var id = open.GetProperty("id").GetString()!;
        var openList = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/incidents?state=open"));
        Assert.Contains(openList.EnumerateArray(), i => i.GetProperty("id").GetString() == id);

        using (var resolved = await server.Operator.PostAsync("api/alert-webhooks/page", ControlPlaneServer.Json(Webhook(link, resolved: true))))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        var detail = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync($"api/v1/incidents/{id}"));
        Assert.Equal(("resolved", "auto"), (detail.GetProperty("state").GetString(), detail.GetProperty("resolvedBy").GetString()));
        Assert.Equal(["opened", "alert-firing", "alert-resolved", "resolved"],
            detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        var resolvedList = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/incidents?state=resolved"));
        Assert.Contains(resolvedList.EnumerateArray(), i => i.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task AcknowledgeAndResolve_RolesAndTransitions_403For409AndOk()
    {
        var server = fixture.Server;
        var link = "ack-" + Guid.NewGuid().ToString("N")[..8];
        (await server.Operator.PostAsync("api/alert-webhooks/page", ControlPlaneServer.Json(Webhook(link)))).Dispose();
        var id = (await IncidentOfLinkAsync(server.Viewer, link)).GetProperty("id").GetString()!;

        using var viewer = await server.Viewer.PostAsync($"api/v1/incidents/{id}/acknowledge", null);
        using var anonymous = await server.Anonymous.GetAsync($"api/v1/incidents/{id}");
        using var ack = await server.Operator.PostAsync($"api/v1/incidents/{id}/acknowledge", null);
        using var ackAgain = await server.Operator.PostAsync($"api/v1/incidents/{id}/acknowledge", null);
        using var resolve = await server.Operator.PostAsync($"api/v1/incidents/{id}/resolve", null);
        using var resolveAgain = await server.Operator.PostAsync($"api/v1/incidents/{id}/resolve", null);
        using var missing = await server.Operator.PostAsync("api/v1/incidents/inc-000000000000/resolve", null);

        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var acked = await ControlPlaneServer.ReadJsonAsync(ack);
        Assert.Equal(("acknowledged", "test-operator"), (acked.GetProperty("state").GetString(), acked.GetProperty("acknowledgedBy").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, ackAgain.StatusCode);
        Assert.Equal("application/problem+json", ackAgain.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already acknowledged", (await ControlPlaneServer.ReadJsonAsync(ackAgain)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Equal("test-operator", (await ControlPlaneServer.ReadJsonAsync(resolve)).GetProperty("resolvedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, resolveAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_UnknownState_400NamingTheParameter()
    {
        using var response = await fixture.Server.Viewer.GetAsync("api/v1/incidents?state=closed");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ControlPlaneServer.ReadJsonAsync(response);
        Assert.Contains("open, acknowledged, mitigated, resolved", problem.GetProperty("errors").GetProperty("state")[0].GetString());
    }

    [Fact]
    public async Task Postmortem_OfAnIncident_MarkdownWithRunbookAndEmptyRootCause()
    {
        var server = fixture.Server;
        var link = "pm-" + Guid.NewGuid().ToString("N")[..8];
        (await server.Operator.PostAsync("api/alert-webhooks/page", ControlPlaneServer.Json(Webhook(link)))).Dispose();
        var id = (await IncidentOfLinkAsync(server.Viewer, link)).GetProperty("id").GetString()!;

        using var response = await server.Viewer.GetAsync($"api/v1/incidents/{id}/postmortem");
        var md = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"# Postmortem draft: link {link} is down ({id})", md);
        Assert.Contains("- QNetLinkDown: https://runbooks.example/link-down", md);
        Assert.Contains("## Root cause\n\n_To be written by the review._", md);
    }

    [Theory]
    [InlineData("traceId=XYZ", "traceId")]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2026-13-01T00:00:00Z", "until")]
    [InlineData("since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", "until")]
    public async Task Events_BadFilter_400NamingTheParameter(string query, string field)
    {
        using var history = await fixture.Server.Viewer.GetAsync("api/v1/events/history?" + query);
        using var stream = await fixture.Server.Viewer.GetAsync("api/v1/events?" + query, HttpCompletionOption.ResponseHeadersRead);

        foreach (var response in new[] { history, stream })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await ControlPlaneServer.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        }
    }
}
