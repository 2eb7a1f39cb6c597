using System.Net;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// Two control-plane hosts in one process: each host's <c>/metrics</c> shows only its own twin's series, although the
/// OpenTelemetry SDK subscribes to meters by name across the process.
/// </summary>
[Collection("servers")]
public sealed class MeterScopeTests
{
    [Fact]
    public async Task Metrics_TwoHostsInOneProcess_EachExportsOnlyItsOwnTwin()
    {
        await using var quiet = await ControlPlaneServer.StartAsync(timeFactor: 5);
        await using var busy = await ControlPlaneServer.StartAsync(timeFactor: 5);

        // Only the busy host gets a QKD-class session (the metro scenario has raw and teleport ones only).
        using var created = await busy.Operator.PostAsync("api/v1/sessions",
            ControlPlaneServer.Json("""{"id":"scoped-qkd","source":"bob","destination":"dave","application":"qkd","minFidelity":0.9,"cutoffSeconds":0.01}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await ControlPlaneServer.EventuallyAsync(async () =>
            PrometheusText.Values(await busy.Anonymous.GetStringAsync("metrics"), "qnet_session_requests_total", ("session_class", "qkd"), ("outcome", "admitted")) is [1] ? "admitted" : null,
            "the qkd admission in the busy host's metrics");

        var quietMetrics = await quiet.Anonymous.GetStringAsync("metrics");
        Assert.Empty(PrometheusText.Values(quietMetrics, "qnet_session_requests_total", ("session_class", "qkd")));
        // Its own series are there, once each (the busy host's raw sessions would add a second, duplicate series otherwise).
        Assert.Equal([1.0], PrometheusText.Values(quietMetrics, "qnet_session_requests_total", ("session_class", "teleport"), ("outcome", "admitted")));
        Assert.Single(PrometheusText.Values(quietMetrics, "qnet_twin_simulated_seconds"));
    }
}
