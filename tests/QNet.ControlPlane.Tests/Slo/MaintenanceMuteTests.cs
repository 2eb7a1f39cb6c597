using System.Globalization;
using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Slo;

/// <summary>
/// Maintenance windows declared through <c>/api/v1/maintenance</c> mute the webhook notifications of <c>qnet up</c>,
/// live and on the twin's clock: the same fault on two links pages for the link outside the window only; deleting the
/// window lets the covered link's still-firing alert through. On <see cref="TwoLinkNetwork"/> (an hour of SLO windows
/// in about two wall-clock seconds), as <see cref="Telemetry.AlertWebhookTests"/>.
/// </summary>
[Collection("servers")]
public sealed class MaintenanceMuteTests
{
    [Fact]
    public async Task FaultUnderApiWindow_NoWebhookForCoveredLink_DeletingWindowSendsIt()
    {
        await using var receiver = new WebhookReceiver();
        await using var server = await TwoLinkNetwork.StartAsync(receiver);

        // Twin time runs ahead of the wall clock at factor 2000: a window from one minute ago for a year covers the run.
        var start = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture);
        var end = DateTimeOffset.UtcNow.AddDays(365).ToString("O", CultureInfo.InvariantCulture);
        using var window = await server.Operator.PostAsync("api/v1/maintenance",
            ControlPlaneServer.Json($$"""{"start":"{{start}}","end":"{{end}}","matchers":{"link":"alice-bob"},"reason":"fibre work"}"""));
        Assert.Equal(HttpStatusCode.Created, window.StatusCode);
        var windowId = (await ControlPlaneServer.ReadJsonAsync(window)).GetProperty("id").GetString()!;
        foreach (var link in new[] { "alice-bob", "bob-carol" })
        {
            using var injected = await server.Operator.PostAsync("api/v1/faults", ControlPlaneServer.Json($$"""{"kind":"attenuation-step","target":"{{link}}","magnitude":10}"""));
            Assert.Equal(HttpStatusCode.Created, injected.StatusCode);
        }

        // The uncovered link pages (the path works), and the covered one's alert fires too but is suppressed.
        await ControlPlaneServer.EventuallyAsync(() => Task.FromResult(FiringFor(receiver, "bob-carol") ? "" : null), "a firing webhook for bob-carol");
        await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var alerts = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/alerts?status=firing"));
            return alerts.EnumerateArray().Any(a => Link(a.GetProperty("labels")) == "alice-bob" && a.GetProperty("suppressed").GetBoolean()) ? "" : null;
        }, "a firing, suppressed alert for alice-bob");

        // Ten more twin minutes: past the page route's group_wait (30 s) and the ticket route's (5 min).
        var firedAt = await SimulatedSecondsAsync(server);
        await ControlPlaneServer.EventuallyAsync(async () => await SimulatedSecondsAsync(server) >= firedAt + 600 ? "" : null, "ten more minutes of twin time");
        Assert.False(FiringFor(receiver, "alice-bob"), "an alert on alice-bob was posted while its maintenance window was active");

        using var deleted = await server.Operator.DeleteAsync($"api/v1/maintenance/{windowId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ControlPlaneServer.EventuallyAsync(() => Task.FromResult(FiringFor(receiver, "alice-bob") ? "" : null),
            "a firing webhook for alice-bob once its maintenance window was deleted");
    }

    private static bool FiringFor(WebhookReceiver receiver, string link) =>
        receiver.Received.SelectMany(r => r.Body.GetProperty("alerts").EnumerateArray())
            .Any(a => a.GetProperty("status").GetString() == "firing" && Link(a.GetProperty("labels")) == link);

    private static string? Link(JsonElement labels) => labels.TryGetProperty("link", out var l) ? l.GetString() : null;

    private static async Task<double> SimulatedSecondsAsync(ControlPlaneServer server) =>
        (await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/topology"))).GetProperty("simulatedSeconds").GetDouble();
}
