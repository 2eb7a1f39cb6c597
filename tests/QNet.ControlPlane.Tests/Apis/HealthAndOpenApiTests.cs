using System.Net;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Apis;

[Collection("servers")]
public sealed class HealthAndOpenApiTests(MetroServerFixture fixture)
{
    private ControlPlaneServer Server => fixture.Server;

    [Fact]
    public async Task AliveAndHealth_NoToken_AnswerWithTwinTime()
    {
        Assert.Equal("alive", await Server.Anonymous.GetStringAsync("alive"));
        using var health = await Server.Anonymous.GetAsync("health");
        var body = await ControlPlaneServer.ReadJsonAsync(health);
        Assert.Equal("metro", body.GetProperty("scenario").GetString());
        Assert.True(body.GetProperty("simulatedSeconds").GetDouble() > 0);
        Assert.Equal(health.StatusCode == HttpStatusCode.OK ? "healthy" : "degraded", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_StablePath_DescribesEveryApiGroup()
    {
        var doc = await ControlPlaneServer.ReadJsonAsync(await Server.Anonymous.GetAsync("openapi/v1.json"));
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[] { "/api/v1/sessions", "/api/v1/sessions/{id}", "/api/v1/faults", "/api/v1/faults/{id}", "/api/v1/topology", "/api/v1/links",
            "/api/v1/nodes", "/api/v1/maintenance", "/api/v1/calibrations", "/api/v1/events", "/api/v1/slo/status", "/api/v1/slo/budgets", "/api/v1/alerts", "/health", "/alive" })
        {
            Assert.Contains(path, paths);
        }
        Assert.True(doc.GetProperty("components").GetProperty("schemas").TryGetProperty("SessionRequest", out _));
    }

    [Fact]
    public async Task Calibration_Recorded_ResetsLinkDrift()
    {
        using var recorded = await Server.Operator.PostAsync("api/v1/calibrations", ControlPlaneServer.Json("""{"link":"dave-hub"}"""));
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.True((await ControlPlaneServer.ReadJsonAsync(recorded)).GetProperty("driftBefore").GetDouble() > 0);
        var link = await ControlPlaneServer.ReadJsonAsync(await Server.Viewer.GetAsync("api/v1/links/dave-hub"));
        var other = await ControlPlaneServer.ReadJsonAsync(await Server.Viewer.GetAsync("api/v1/links/carol-hub"));
        Assert.True(link.GetProperty("calibrationDrift").GetDouble() < other.GetProperty("calibrationDrift").GetDouble());
    }
}
