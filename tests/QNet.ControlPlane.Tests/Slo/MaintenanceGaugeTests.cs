using System.Globalization;
using System.Net;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Slo;

/// <summary>
/// <c>qnet_maintenance_active</c> on <c>/metrics</c>: one series per API window, 1 while active on the twin's clock,
/// 0 before, with the window's matchers as labels (or <c>scope="all"</c>), gone once the window is deleted.
/// </summary>
[Collection("servers")]
public sealed class MaintenanceGaugeTests
{
    [Fact]
    public async Task Metrics_ApiWindows_ExportedWithMatcherLabelsActiveFlagAndRemovedOnDelete()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 1);
        var now = DateTimeOffset.UtcNow;
        var active = await CreateAsync(server, now.AddMinutes(-1), now.AddDays(365), """{"link":"alice-r1"}""");
        var future = await CreateAsync(server, now.AddDays(3650), now.AddDays(3651), "{}");

        var text = await server.Anonymous.GetStringAsync("metrics");

        Assert.Equal([1.0], PrometheusText.Values(text, "qnet_maintenance_active", ("window", active), ("link", "alice-r1")));
        Assert.Equal([0.0], PrometheusText.Values(text, "qnet_maintenance_active", ("window", future), ("scope", "all")));

        using var deleted = await server.Operator.DeleteAsync($"api/v1/maintenance/{active}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        text = await server.Anonymous.GetStringAsync("metrics");
        Assert.Empty(PrometheusText.Values(text, "qnet_maintenance_active", ("window", active)));
        Assert.Single(PrometheusText.Values(text, "qnet_maintenance_active", ("window", future)));
    }

    private static async Task<string> CreateAsync(ControlPlaneServer server, DateTimeOffset start, DateTimeOffset end, string matchers)
    {
        string Iso(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);
        using var created = await server.Operator.PostAsync("api/v1/maintenance",
            ControlPlaneServer.Json($$"""{"start":"{{Iso(start)}}","end":"{{Iso(end)}}","matchers":{{matchers}}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await ControlPlaneServer.ReadJsonAsync(created)).GetProperty("id").GetString()!;
    }
}
