using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Hosting;

/// <summary>
/// Two processes: <c>qnet up</c> runs as a real child process (time factor 50), is driven over HTTP (a session, a
/// fault) and over ETSI (a QKD key issued to alice's SAE), stopped with SIGTERM, and started again on the same data:
/// the session (same trace id), the fault and the key (still retrievable once by bob's SAE) are all there.
/// </summary>
[Collection("servers")]
public sealed class QnetUpRestartTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-up-{Guid.NewGuid():N}");
    private string Data => Path.Combine(_root, "data");
    private string MasterKey => ControlPlaneServer.MasterKeyFileUnder(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Restart_SameData_SessionsFaultsAndKeysStillThere()
    {
        foreach (var (sae, kme) in new[] { ("sae-alice", "alice"), ("sae-bob", "bob") })
        {
            await KmsAdministration.IssueSaeAsync(Data, sae, kme, null, MasterKey, TimeProvider.System);
        }
        var token = await ControlPlaneAdministration.CreateTokenAsync(Data, null, "operator", "test", TimeProvider.System);
        string traceId, keyId, key;
        using (var first = await QnetUpProcess.StartAsync(Data, MasterKey, timeFactor: 50))
        {
            using var api = first.ApiClient(token);
            using var created = await api.PostAsync("api/v1/sessions", ControlPlaneServer.Json("""{"id":"kept","source":"carol","destination":"bob","minFidelity":0.85}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            traceId = (await ControlPlaneServer.ReadJsonAsync(created)).GetProperty("traceId").GetString()!;
            using var fault = await api.PostAsync("api/v1/faults", ControlPlaneServer.Json("""{"kind":"memory-t2-drop","target":"hub","magnitude":0.5}"""));
            Assert.Equal(HttpStatusCode.Created, fault.StatusCode);

            // QKD keys between alice and bob arrive from the twin's BB84 link.
            using var alice = first.SaeClient(Data, "sae-alice");
            var issued = await ControlPlaneServer.EventuallyAsync(async () =>
            {
                using var r = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys?number=1&size=256");
                return r.StatusCode == HttpStatusCode.OK ? (object)await ControlPlaneServer.ReadJsonAsync(r) : null;
            }, "a QKD key for sae-alice → sae-bob", attempts: 1200);
            var k = ((JsonElement)issued).GetProperty("keys")[0];
            keyId = k.GetProperty("key_ID").GetString()!;
            key = k.GetProperty("key").GetString()!;
            Assert.Equal("qkd", k.GetProperty("key_extension").GetProperty("origin").GetString());
            Assert.Equal(0, await first.StopAsync());
        }

        using var second = await QnetUpProcess.StartAsync(Data, MasterKey, timeFactor: 50);
        using var api2 = second.ApiClient(token);
        var session = await ControlPlaneServer.ReadJsonAsync(await api2.GetAsync("api/v1/sessions/kept"));
        Assert.Equal(traceId, session.GetProperty("traceId").GetString());
        Assert.Equal("api", session.GetProperty("origin").GetString());
        Assert.Equal("running", session.GetProperty("outcome").GetString());
        var faults = await ControlPlaneServer.ReadJsonAsync(await api2.GetAsync("api/v1/faults"));
        Assert.Contains(faults.EnumerateArray(), f => f.GetProperty("kind").GetString() == "memory-t2-drop" && f.GetProperty("active").GetBoolean());
        var hub = (await ControlPlaneServer.ReadJsonAsync(await api2.GetAsync("api/v1/nodes"))).EnumerateArray().Single(n => n.GetProperty("id").GetString() == "hub");
        Assert.Equal(5.0, hub.GetProperty("t2Seconds").GetDouble(), 12);

        using var bob = second.SaeClient(Data, "sae-bob");
        using var dec = await bob.GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={keyId}");
        Assert.Equal(HttpStatusCode.OK, dec.StatusCode);
        Assert.Equal(key, (await ControlPlaneServer.ReadJsonAsync(dec)).GetProperty("keys")[0].GetProperty("key").GetString());
        Assert.Equal(0, await second.StopAsync());
    }
}
