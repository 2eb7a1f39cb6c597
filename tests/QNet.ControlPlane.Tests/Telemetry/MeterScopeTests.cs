using System.Net;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// Two control-plane hosts in one process: each host's <c>/metrics</c> shows only its own twin's and key manager's
/// series, although the OpenTelemetry SDK subscribes to meters by name across the process.
/// </summary>
[Collection("servers")]
public sealed class MeterScopeTests
{
    [Fact]
    public async Task Metrics_TwoHostsInOneProcess_EachExportsOnlyItsOwnTwinAndKms()
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
        // The key manager's meter too: each host exports its own store's audit head, once. SAEs registered on the busy
        // host put its trail 20 entries ahead of the quiet one's (whose own trail may still grow by an entry or two).
        var quietBefore = await quiet.Host.Etsi.Kms.Store.AuditHeadSequenceAsync();
        for (var i = 0; await busy.Host.Etsi.Kms.Store.AuditHeadSequenceAsync() <= quietBefore + 20; i++)
        {
            await busy.Host.Etsi.Kms.RegisterSaeAsync(new QNet.Kms.Domain.SaeRegistration($"sae-scope-{i}", "alice"));
        }

        var busyBefore = await busy.Host.Etsi.Kms.Store.AuditHeadSequenceAsync();
        var quietScraped = Assert.Single(PrometheusText.Values(await quiet.Anonymous.GetStringAsync("metrics"), "qnet_kms_audit_head_sequence"));
        var busyScraped = Assert.Single(PrometheusText.Values(await busy.Anonymous.GetStringAsync("metrics"), "qnet_kms_audit_head_sequence"));
        var quietAfter = await quiet.Host.Etsi.Kms.Store.AuditHeadSequenceAsync();
        Assert.True(quietAfter < busyBefore, $"the quiet host's trail grew to {quietAfter}, past the busy host's {busyBefore}");
        Assert.InRange(quietScraped, quietBefore, quietAfter);
        Assert.InRange(busyScraped, busyBefore, await busy.Host.Etsi.Kms.Store.AuditHeadSequenceAsync());
    }
}
