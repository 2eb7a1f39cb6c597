using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// The shipped default SLOs drive the in-process evaluator on the twin's clock: an attenuation step injected through
/// the API pushes the link's transmittance below the 0.01 floor of the link-transmittance SLO, so LinkLossHigh
/// fires for that link (and no other); clearing the fault resolves it. On <see cref="TwoLinkNetwork"/> (no sessions, time
/// factor 2000: an hour of SLO windows in about two wall-clock seconds).
/// </summary>
[Collection("servers")]
public sealed class FaultAlertTests
{
    [Fact]
    public async Task AttenuationStep_FiresLinkLossHighForThatLink_ClearResolvesIt()
    {
        await using var server = await TwoLinkNetwork.StartAsync();

        // Healthy first: budgets are computed and nothing fires (10 km at 0.2 dB/km is a transmittance of 0.63).
        await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var status = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/slo/status"));
            return status.EnumerateArray().Any(s => s.GetProperty("slo").GetString() == "link-transmittance") ? (object)status : null;
        }, "link-transmittance budget status");
        Assert.Empty(await AlertsAsync(server, "LinkLossHigh", "firing"));

        // 10 dB/km more on 10 km: 102 dB, far below the 0.01 (20 dB) floor.
        using var injected = await server.Operator.PostAsync("api/v1/faults", ControlPlaneServer.Json("""{"kind":"attenuation-step","target":"alice-bob","magnitude":10}"""));
        Assert.Equal(HttpStatusCode.Created, injected.StatusCode);
        string faultId = (await ControlPlaneServer.ReadJsonAsync(injected)).GetProperty("id").GetString()!;

        var firing = await ControlPlaneServer.EventuallyAsync(async () => await AlertsAsync(server, "LinkLossHigh", "firing") is { Count: > 0 } a ? a : null,
            "LinkLossHigh to fire after the attenuation step");
        Assert.All(firing, a => Assert.Equal("alice-bob", a.GetProperty("labels").GetProperty("link").GetString()));
        Assert.Contains(firing, a => a.GetProperty("annotations").TryGetProperty("runbook_url", out _));

        using var cleared = await server.Operator.DeleteAsync($"api/v1/faults/{faultId}");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var all = await AlertsAsync(server, "LinkLossHigh", null);
            return all.Count > 0 && all.All(a => a.GetProperty("status").GetString() == "resolved") ? all : null;
        }, "LinkLossHigh to resolve after the fault was cleared");
        var link = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/links/alice-bob"));
        Assert.Equal(Math.Pow(10, -0.2), link.GetProperty("transmittance").GetDouble(), 12);
    }

    private static async Task<List<JsonElement>> AlertsAsync(ControlPlaneServer server, string name, string? status)
    {
        var alerts = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/alerts" + (status is null ? "" : "?status=" + status)));
        return alerts.EnumerateArray().Where(a => a.GetProperty("name").GetString() == name).ToList();
    }
}
