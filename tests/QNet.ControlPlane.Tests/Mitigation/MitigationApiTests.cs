using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Mitigation;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Tests.Support;
using QNet.Network.Mitigation;

namespace QNet.ControlPlane.Tests.Mitigation;

/// <summary><c>GET/PUT /api/v1/mitigation</c> on a running control plane, the policy in the store across a restart, and load shedding at the sessions API.</summary>
public sealed class MitigationApiTests
{
    [Fact]
    public async Task Get_Viewer_DefaultPolicyOn()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 2);
        using var response = await server.Viewer.GetAsync("api/v1/mitigation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ControlPlaneServer.ReadJsonAsync(response);
        Assert.True(body.GetProperty("policy").GetProperty("enabled").GetBoolean());
        Assert.Equal(MitigationPolicy.Default.Rules.Count, body.GetProperty("policy").GetProperty("rules").GetArrayLength());
        Assert.Equal("reroute", body.GetProperty("policy").GetProperty("rules")[0].GetProperty("action").GetString());
        Assert.False(body.GetProperty("shedding").GetBoolean());
    }

    [Fact]
    public async Task Put_ViewerOrBadField_RefusedAndPolicyUnchanged()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 2);
        using (var viewer = await server.Viewer.PutAsync("api/v1/mitigation", ControlPlaneServer.Json("""{"enabled": false}""")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        }
        using (var bad = await server.Operator.PutAsync("api/v1/mitigation", ControlPlaneServer.Json(
            """{"rules": [{"action": "reroute", "signal": "link-rate-ratio", "threshold": 1.5}]}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var problem = await ControlPlaneServer.ReadJsonAsync(bad);
            var message = problem.GetProperty("errors").GetProperty("rules[0].threshold")[0].GetString();
            Assert.Contains("between 0 and 1", message, StringComparison.Ordinal);
        }
        using (var unknown = await server.Operator.PutAsync("api/v1/mitigation", ControlPlaneServer.Json("""{"enabeld": false}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.True((await ControlPlaneServer.ReadJsonAsync(unknown)).GetProperty("errors").TryGetProperty("enabeld", out _));
        }
        var policy = server.Host.Services.GetRequiredService<MitigationEngine>().Policy;
        Assert.True(policy.Enabled);
        Assert.Equal(MitigationPolicy.Default.Rules, policy.Rules);
    }

    [Fact]
    public async Task Put_OffSwitchAndNewRule_ShownStoredAndKeptAcrossRestart()
    {
        var root = Path.Combine(Path.GetTempPath(), $"qnet-cp-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        var options = new ControlPlaneOptions(data, apiPort: 0, etsiPort: 0, timeFactor: 2) { MasterKeyFile = ControlPlaneServer.MasterKeyFileUnder(root) };
        try
        {
            await using (var host = await ControlPlaneHost.StartAsync(options, TimeProvider.System))
            {
                var token = await ControlPlaneAdministration.CreateTokenAsync(data, null, "operator", "test-operator", TimeProvider.System);
                using var client = new HttpClient { BaseAddress = host.ApiUrl };
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                using var put = await client.PutAsync("api/v1/mitigation", ControlPlaneServer.Json(
                    """{"enabled": false, "rules": [{"action": "reroute", "signal": "link-rate-ratio", "threshold": 0.4, "release": 0.9, "cooldown": 30}]}"""));
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
                var shown = (await ControlPlaneServer.ReadJsonAsync(put)).GetProperty("policy");
                Assert.False(shown.GetProperty("enabled").GetBoolean());
                Assert.Equal(0.4, shown.GetProperty("rules")[0].GetProperty("threshold").GetDouble());
                var store = host.Services.GetRequiredService<ControlPlaneStore>();
                await ControlPlaneServer.EventuallyAsync(() => store.GetSettingAsync(ControlPlaneStore.MitigationSetting), "the stored policy");
            }
            await using var again = await ControlPlaneHost.StartAsync(options, TimeProvider.System);
            var policy = again.Services.GetRequiredService<MitigationEngine>().Policy;
            Assert.False(policy.Enabled);
            var rule = Assert.Single(policy.Rules);
            Assert.Equal((MitigationAction.Reroute, MitigationSignal.LinkRateRatio, 0.4, 0.9, 30.0), (rule.Action, rule.Signal, rule.Threshold, rule.Release, rule.CooldownSeconds));
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task PostSession_WhileShedding_LowPriority429WithRetryAfterOthersServed()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 2);
        var twin = server.Host.Services.GetRequiredService<ControlPlane.Twin.Twin>();
        Assert.True(twin.Shedder.Start(belowPriority: 1, retryAfterSeconds: 7));

        using (var low = await server.Operator.PostAsync("api/v1/sessions", ControlPlaneServer.Json("""{"source": "alice", "destination": "bob", "minFidelity": 0.8}""")))
        {
            Assert.Equal((HttpStatusCode)429, low.StatusCode);
            Assert.Equal("7", low.Headers.GetValues("Retry-After").Single());
            Assert.Contains("shedding", await low.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var high = await server.Operator.PostAsync("api/v1/sessions", ControlPlaneServer.Json("""{"source": "alice", "destination": "bob", "minFidelity": 0.8, "priority": 1}""")))
        {
            Assert.NotEqual((HttpStatusCode)429, high.StatusCode);
        }
        twin.Shedder.Stop();
        using var after = await server.Operator.PostAsync("api/v1/sessions", ControlPlaneServer.Json("""{"source": "alice", "destination": "bob", "minFidelity": 0.8}"""));
        Assert.NotEqual((HttpStatusCode)429, after.StatusCode);
    }
}
