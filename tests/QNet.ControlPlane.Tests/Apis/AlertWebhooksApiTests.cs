using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Apis;

/// <summary>
/// `qnet up` serves the alert webhooks the generated Alertmanager configuration points at: a real Alertmanager, given
/// the generated receiver shape (bearer token from a file), delivers its version 4 payload, and the control plane
/// keeps each alert and lists it.
/// </summary>
[Collection("servers")]
public sealed class AlertWebhooksApiTests(MetroServerFixture fixture)
{
    [Fact]
    public async Task AlertWebhook_RealAlertmanagerWithTokenFile_AlertStoredAndListed()
    {
        var server = fixture.Server;
        var run = Guid.NewGuid().ToString("N");
        var config = $"""
            route:
              receiver: qnet-page
              group_by: [alertname, test_run]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: qnet-page
                webhook_configs:
                  - url: {new Uri(server.Host.ApiUrl, "api/alert-webhooks/page")}
                    send_resolved: true
                    http_config:
                      authorization:
                        type: Bearer
                        credentials_file: qnet-webhook.token
            """;
        using var alertmanager = await AlertmanagerProcess.StartAsync(new Dictionary<string, string>
        {
            ["alertmanager.yaml"] = config,
            ["qnet-webhook.token"] = server.OperatorToken + "\n",
        });

        var alert = $$"""[{"labels": {"alertname": "QNetLinkDown", "severity": "page", "link": "alice-r1", "test_run": "{{run}}"}, "annotations": {"summary": "link alice-r1 is down"}, "generatorURL": "http://prometheus.example/graph"}]""";
        using (var posted = await alertmanager.Api.PostAsync("api/v2/alerts", ControlPlaneServer.Json(alert)))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var received = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var list = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/alert-notifications?receiver=page"));
            return list.EnumerateArray().Where(a => a.GetProperty("labels").TryGetProperty("test_run", out var r) && r.GetString() == run)
                .Select(a => (JsonElement?)a).FirstOrDefault() is { } found ? new Box(found) : null;
        }, "the control plane to receive Alertmanager's notification");

        var stored = received.Value;
        Assert.Equal("page", stored.GetProperty("receiver").GetString());
        Assert.Equal("firing", stored.GetProperty("status").GetString());
        Assert.Equal("QNetLinkDown", stored.GetProperty("alertName").GetString());
        Assert.Equal("alice-r1", stored.GetProperty("labels").GetProperty("link").GetString());
        Assert.Equal("link alice-r1 is down", stored.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("http://prometheus.example/graph", stored.GetProperty("generatorUrl").GetString());
        Assert.Contains(run, stored.GetProperty("groupKey").GetString());
        Assert.Matches("^[0-9a-f]{16}$", stored.GetProperty("fingerprint").GetString());
        Assert.Equal(JsonValueKind.String, stored.GetProperty("startsAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("endsAt").ValueKind);
    }

    [Fact]
    public async Task AlertWebhook_NoTokenOrViewerToken_401And403NothingStored()
    {
        var server = fixture.Server;
        using var anonymous = await server.Anonymous.PostAsync("api/alert-webhooks/page", ControlPlaneServer.Json(Payload("4", "no-token")));
        using var viewer = await server.Viewer.PostAsync("api/alert-webhooks/page", ControlPlaneServer.Json(Payload("4", "viewer")));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        var list = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/alert-notifications?limit=1000"));
        Assert.DoesNotContain(list.EnumerateArray(), a => a.GetProperty("fingerprint").GetString() is "no-token" or "viewer");
    }

    [Theory]
    [InlineData("page", "3", "version")]
    [InlineData("pager", "4", null)]
    public async Task AlertWebhook_WrongVersionOrReceiver_RefusedNamingIt(string receiver, string version, string? field)
    {
        using var response = await fixture.Server.Operator.PostAsync($"api/alert-webhooks/{receiver}", ControlPlaneServer.Json(Payload(version, "refused")));

        var problem = await ControlPlaneServer.ReadJsonAsync(response);
        if (field is null)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("no alert webhook 'pager'; use page or ticket", problem.GetProperty("detail").GetString());
            return;
        }
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task AlertWebhook_ResolvedPayloadPosted_ListedNewestFirstWithEnd()
    {
        var server = fixture.Server;
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        using (var firing = await server.Operator.PostAsync("api/alert-webhooks/ticket", ControlPlaneServer.Json(Payload("4", fingerprint))))
        {
            Assert.Equal(HttpStatusCode.OK, firing.StatusCode);
        }

        using (var resolved = await server.Operator.PostAsync("api/alert-webhooks/ticket", ControlPlaneServer.Json(Payload("4", fingerprint, resolved: true))))
        {
            Assert.Equal(1, (await ControlPlaneServer.ReadJsonAsync(resolved)).GetProperty("received").GetInt32());
        }

        var list = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/alert-notifications?receiver=ticket"));
        var mine = list.EnumerateArray().Where(a => a.GetProperty("fingerprint").GetString() == fingerprint).ToList();
        Assert.Equal(["resolved", "firing"], mine.Select(a => a.GetProperty("status").GetString()));
        Assert.Equal(DateTimeOffset.Parse("2026-12-06T10:05:00Z", System.Globalization.CultureInfo.InvariantCulture), mine[0].GetProperty("endsAt").GetDateTimeOffset());
    }

    /// <summary>A version-4 notification as Alertmanager 0.25 sends it (field for field), with one alert.</summary>
    private static string Payload(string version, string fingerprint, bool resolved = false) => $$"""
        {"receiver":"qnet-ticket","status":"{{(resolved ? "resolved" : "firing")}}","alerts":[{"status":"{{(resolved ? "resolved" : "firing")}}",
        "labels":{"alertname":"MemoryExpiryHigh","severity":"ticket","slo":"memory-expiry"},"annotations":{"summary":"memory expiry budget burning"},
        "startsAt":"2026-12-06T10:00:00.000Z","endsAt":"{{(resolved ? "2026-12-06T10:05:00Z" : "0001-01-01T00:00:00Z")}}",
        "generatorURL":"http://127.0.0.1:9090/graph","fingerprint":"{{fingerprint}}"}],
        "groupLabels":{"alertname":"MemoryExpiryHigh"},"commonLabels":{"alertname":"MemoryExpiryHigh","severity":"ticket","slo":"memory-expiry"},
        "commonAnnotations":{"summary":"memory expiry budget burning"},"externalURL":"http://127.0.0.1:9093","version":"{{version}}",
        "groupKey":"{}/{severity=\"ticket\"}:{alertname=\"MemoryExpiryHigh\"}","truncatedAlerts":0}
        """;

    private sealed record Box(JsonElement Value);
}
