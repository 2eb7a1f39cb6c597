using System.Globalization;
using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// <c>qnet up</c> with page/ticket webhooks: the in-process alerts go through the Sre router and reach a loopback
/// receiver in Alertmanager's webhook payload (v4), firing and then resolved; maintenance windows declared through
/// the API are left out of the in-process error budgets. On <see cref="TwoLinkNetwork"/>, as
/// <see cref="FaultAlertTests"/> (an hour of SLO windows in about two wall-clock seconds).
/// </summary>
[Collection("servers")]
public sealed class AlertWebhookTests
{
    [Fact]
    public async Task AttenuationStep_PostsFiringLinkLossHighToWebhook_ClearPostsResolved()
    {
        await using var receiver = new WebhookReceiver();
        await using var server = await TwoLinkNetwork.StartAsync(receiver);

        using var injected = await server.Operator.PostAsync("api/v1/faults", ControlPlaneServer.Json("""{"kind":"attenuation-step","target":"alice-bob","magnitude":10}"""));
        Assert.Equal(HttpStatusCode.Created, injected.StatusCode);
        string faultId = (await ControlPlaneServer.ReadJsonAsync(injected)).GetProperty("id").GetString()!;

        var firing = await ControlPlaneServer.EventuallyAsync(() => Task.FromResult(LinkLoss(receiver, "firing")), "a firing LinkLossHigh webhook payload");
        var (path, payload) = firing;
        Assert.Equal("4", payload.GetProperty("version").GetString());
        Assert.Equal("firing", payload.GetProperty("status").GetString());
        var alert = payload.GetProperty("alerts").EnumerateArray().First(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "LinkLossHigh");
        Assert.Equal("alice-bob", alert.GetProperty("labels").GetProperty("link").GetString());
        var severity = alert.GetProperty("labels").GetProperty("severity").GetString();
        Assert.Equal("/" + severity, path);
        Assert.Equal(severity == "page" ? "qnet-page" : "qnet-ticket", payload.GetProperty("receiver").GetString());
        Assert.Equal("alice-bob", payload.GetProperty("groupLabels").GetProperty("link").GetString());
        Assert.True(alert.GetProperty("annotations").TryGetProperty("runbook_url", out _));
        // Only the faulted link alerts: bob-carol keeps a transmittance of 0.63.
        Assert.DoesNotContain(receiver.Received, r => r.Body.GetProperty("alerts").EnumerateArray()
            .Any(a => a.GetProperty("labels").TryGetProperty("link", out var l) && l.GetString() == "bob-carol"));

        using var cleared = await server.Operator.DeleteAsync($"api/v1/faults/{faultId}");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var fingerprint = Fingerprint(alert);
        var ended = await ControlPlaneServer.EventuallyAsync(() => Task.FromResult(receiver.Received
            .SelectMany(r => r.Body.GetProperty("alerts").EnumerateArray())
            .Where(a => Fingerprint(a) == fingerprint && a.GetProperty("status").GetString() == "resolved")
            .Select(a => (object?)a).FirstOrDefault()), "the firing LinkLossHigh alert to be posted as resolved");
        Assert.Equal("alice-bob", ((JsonElement)ended).GetProperty("labels").GetProperty("link").GetString());
    }

    [Fact]
    public async Task MaintenanceWindow_BadSlicesDuringWindow_NotChargedToBudget()
    {
        await using var server = await TwoLinkNetwork.StartAsync();

        // A window over alice-bob from one (twin) minute ago for a year: its bad slices must not be charged, while the
        // same fault on bob-carol, outside any window, is. Same links, same fault: only the window differs.
        var start = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture);
        var end = DateTimeOffset.UtcNow.AddDays(365).ToString("O", CultureInfo.InvariantCulture);
        using var window = await server.Operator.PostAsync("api/v1/maintenance",
            ControlPlaneServer.Json($$"""{"start":"{{start}}","end":"{{end}}","matchers":{"link":"alice-bob"},"reason":"fibre work"}"""));
        Assert.Equal(HttpStatusCode.Created, window.StatusCode);
        foreach (var link in new[] { "alice-bob", "bob-carol" })
        {
            using var injected = await server.Operator.PostAsync("api/v1/faults", ControlPlaneServer.Json($$"""{"kind":"attenuation-step","target":"{{link}}","magnitude":10}"""));
            Assert.Equal(HttpStatusCode.Created, injected.StatusCode);
        }

        var status = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var all = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/slo/status"));
            return Transmittance(all, "bob-carol") is { } s && s.GetProperty("bad").GetDouble() >= 2 ? (object)all : null;
        }, "bad link-transmittance slices on bob-carol");
        var covered = Transmittance((JsonElement)status, "alice-bob");
        Assert.NotNull(covered);
        Assert.Equal(0, covered.Value.GetProperty("bad").GetDouble());
        Assert.Equal(1, covered.Value.GetProperty("budgetRemaining").GetDouble());
        Assert.True(Transmittance((JsonElement)status, "bob-carol")!.Value.GetProperty("budgetRemaining").GetDouble() < 1);
    }

    private static JsonElement? Transmittance(JsonElement status, string link) =>
        status.EnumerateArray().Where(s => s.GetProperty("slo").GetString() == "link-transmittance"
            && s.GetProperty("group").TryGetProperty("link", out var l) && l.GetString() == link).Select(s => (JsonElement?)s).FirstOrDefault();

    private static (string Path, JsonElement Body)? LinkLossFind(WebhookReceiver receiver, string alertStatus) =>
        receiver.Received.Where(r => r.Body.GetProperty("alerts").EnumerateArray().Any(a =>
                a.GetProperty("status").GetString() == alertStatus && a.GetProperty("labels").GetProperty("alertname").GetString() == "LinkLossHigh"))
            .Select(r => ((string, JsonElement)?)r).FirstOrDefault();

    private static Tuple<string, JsonElement>? LinkLoss(WebhookReceiver receiver, string alertStatus) =>
        LinkLossFind(receiver, alertStatus) is { } r ? Tuple.Create(r.Path, r.Body) : null;

    private static string Fingerprint(JsonElement alert) => alert.GetProperty("fingerprint").GetString()!;
}
