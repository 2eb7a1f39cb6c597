using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Tests.Hosting;
using QNet.ControlPlane.Tests.Support;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.HighAvailability;

/// <summary>
/// Three real <c>qnet up --postgres</c> replicas on one real PostgreSQL (Debian binaries), sharing the data folder's
/// PKI and one master key file: exactly one leads; followers forward API reads and writes to it and serve ETSI keys
/// from the shared store; the leader is killed with SIGKILL under session and key load, another takes over, and
/// nothing acknowledged is lost, no key is delivered twice, and the audit chain verifies across the failover.
/// </summary>
[Collection("servers")]
public sealed class ReplicaFailoverTests : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly PostgresFixture _postgres;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-ha-{Guid.NewGuid():N}");
    private readonly List<QnetUpProcess> _replicas = [];

    public ReplicaFailoverTests(PostgresFixture postgres) => _postgres = postgres;

    private string Data => Path.Combine(_root, "data");
    private string MasterKey => ControlPlaneServer.MasterKeyFileUnder(_root);

    public void Dispose()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task ThreeReplicas_KillLeaderUnderLoad_AnotherLeadsAndNothingAcknowledgedIsLost()
    {
        var store = await _postgres.CreateDatabaseAsync();
        foreach (var (sae, kme) in new[] { ("sae-alice", "alice"), ("sae-bob", "bob") })
        {
            await KmsAdministration.IssueSaeAsync(Data, sae, kme, store, MasterKey, TimeProvider.System);
        }
        var token = await ControlPlaneAdministration.CreateTokenAsync(Data, store, "operator", "test", TimeProvider.System);
        for (int i = 1; i <= 3; i++)
        {
            _replicas.Add(await QnetUpProcess.StartAsync(Data, MasterKey, 50, "--postgres", store, "--replica-id", $"r{i}"));
        }

        // Exactly one leader (the first to start), two followers; the gauge says so on each.
        int leader = await ReplicaProbe.OneLeaderAsync(_replicas);
        Assert.Equal(0, leader);
        var gauges = await Task.WhenAll(_replicas.Select(r => ReplicaProbe.MetricAsync(r, "qnet_ha_leader")));
        Assert.Equal((1.0, 0.0, 0.0), (gauges[0], gauges[1], gauges[2]));

        // A write through a follower is forwarded (token included) and acknowledged; a read through the other follower sees it.
        using var viaR2 = _replicas[1].ApiClient(token);
        using var viaR3 = _replicas[2].ApiClient(token);
        using (var created = await viaR2.PostAsync("api/v1/sessions", ControlPlaneServer.Json("""{"id":"before","source":"carol","destination":"bob","minFidelity":0.85}""")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("r2", created.Headers.GetValues(LeaderForwarderHeader).Single());
        }
        using (var fault = await viaR3.PostAsync("api/v1/faults", ControlPlaneServer.Json("""{"kind":"memory-t2-drop","target":"hub","magnitude":0.5}""")))
        {
            Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
        }
        using (var read = await viaR3.GetAsync("api/v1/sessions/before"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // Keys: issued through one replica's ETSI port, fetched by the slave SAE through another, exactly once whichever replica it asks.
        var firstKey = await IssueKeyAsync(_replicas[0]);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(_replicas[1], firstKey.Id)).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await FetchAsync(_replicas[2], firstKey.Id)).Status);

        // Load through the followers while the leader is killed: sessions through r2, keys through r3.
        var acknowledgedSessions = new ConcurrentBag<string>();
        var issuedKeys = new ConcurrentBag<(string Id, string Key)>();
        using var stopLoad = new CancellationTokenSource();
        var sessionLoad = Task.Run(async () =>
        {
            for (int n = 0; !stopLoad.IsCancellationRequested; n++)
            {
                try
                {
                    using var r = await viaR2.PostAsync("api/v1/sessions", ControlPlaneServer.Json($$"""{"id":"load-{{n}}","source":"carol","destination":"bob","minFidelity":0.8}"""));
                    // Admitted (201) or refused (409): either way the decision was stored before the answer.
                    if (r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict)
                    {
                        acknowledgedSessions.Add($"load-{n}");
                    }
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(20);
            }
        });
        using var aliceViaR3 = _replicas[2].SaeClient(Data, "sae-alice");
        var keyLoad = Task.Run(async () =>
        {
            while (!stopLoad.IsCancellationRequested)
            {
                try
                {
                    using var r = await aliceViaR3.GetAsync("api/v1/keys/sae-bob/enc_keys?number=1&size=256");
                    if (r.StatusCode == HttpStatusCode.OK)
                    {
                        var k = (await ControlPlaneServer.ReadJsonAsync(r)).GetProperty("keys")[0];
                        issuedKeys.Add((k.GetProperty("key_ID").GetString()!, k.GetProperty("key").GetString()!));
                    }
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(20);
            }
        });
        await ControlPlaneServer.EventuallyAsync(() => Task.FromResult(acknowledgedSessions.Count >= 5 ? (object)true : null), "sessions acknowledged before the kill");

        _replicas[0].Kill(); // SIGKILL: no clean release of the lease
        var survivors = _replicas.Skip(1).ToList();
        int next = await ReplicaProbe.OneLeaderAsync(survivors);
        var newLeader = survivors[next];
        Assert.Equal(1.0, await ReplicaProbe.MetricAsync(newLeader, "qnet_ha_failovers_total"));
        int acknowledgedAtTakeover = acknowledgedSessions.Count;
        await ControlPlaneServer.EventuallyAsync(() => Task.FromResult(acknowledgedSessions.Count >= acknowledgedAtTakeover + 5 ? (object)true : null), "sessions acknowledged after the takeover");
        await stopLoad.CancelAsync();
        await Task.WhenAll(sessionLoad, keyLoad);

        // Every acknowledged session, the fault and its effect are there on the new leader, read through either replica.
        foreach (var id in acknowledgedSessions.Append("before"))
        {
            using var r = await viaR3.GetAsync($"api/v1/sessions/{id}");
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"acknowledged session {id} lost at failover: {r.StatusCode}");
        }
        var faults = await ControlPlaneServer.ReadJsonAsync(await viaR2.GetAsync("api/v1/faults"));
        Assert.Contains(faults.EnumerateArray(), f => f.GetProperty("kind").GetString() == "memory-t2-drop" && f.GetProperty("active").GetBoolean());

        // Pairs the dead leader's memories held (its last snapshot) are counted as lost with reason failover, on the sessions that
        // held them and in the metric; those sessions were admitted again on the new leader, each with its loss and admission events.
        double lost = await ReplicaProbe.SumAsync(newLeader, "qnet_memory_pairs_lost_total", "reason=\"failover\"");
        Assert.True(lost > 0, "no pairs counted as lost at the failover");
        var hit = (await ControlPlaneServer.ReadJsonAsync(await viaR3.GetAsync("api/v1/sessions"))).EnumerateArray()
            .Where(v => v.GetProperty("pairsLostAtFailover").GetInt64() > 0).ToList();
        Assert.NotEmpty(hit);
        Assert.Equal(lost, hit.Sum(v => v.GetProperty("pairsLostAtFailover").GetInt64()));
        foreach (var view in hit)
        {
            var id = view.GetProperty("id").GetString();
            Assert.True(view.GetProperty("admitted").GetBoolean(), $"session {id} not admitted again");
            var history = (await ControlPlaneServer.ReadJsonAsync(await viaR3.GetAsync($"api/v1/events/history?session={id}&limit=1000"))).EnumerateArray().ToList();
            Assert.Contains(history, e => e.GetProperty("type").GetString() == "loss" && e.GetProperty("change").GetString() == "failover");
            Assert.Contains(history, e => e.GetProperty("type").GetString() == "session" && e.GetProperty("change").GetString() == "admitted");
        }

        // Every issued key reaches bob once, with alice's bytes, whichever replica he asks; never twice.
        Assert.NotEmpty(issuedKeys);
        foreach (var (id, key) in issuedKeys)
        {
            var (status, material) = await FetchAsync(survivors[0], id);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(key, material);
            Assert.NotEqual(HttpStatusCode.OK, (await FetchAsync(survivors[1], id)).Status);
        }

        var audit = await KmsAdministration.VerifyAuditAsync(Data, store, MasterKey);
        Assert.True(audit.IsIntact, audit.Problem);
    }

    private const string LeaderForwarderHeader = "X-QNet-Forwarded-By";

    private async Task<(string Id, string Key)> IssueKeyAsync(QnetUpProcess replica)
    {
        using var alice = replica.SaeClient(Data, "sae-alice");
        var issued = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            using var r = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys?number=1&size=256");
            return r.StatusCode == HttpStatusCode.OK ? (object)await ControlPlaneServer.ReadJsonAsync(r) : null;
        }, "a QKD key for sae-alice → sae-bob", attempts: 1200);
        var k = ((JsonElement)issued).GetProperty("keys")[0];
        return (k.GetProperty("key_ID").GetString()!, k.GetProperty("key").GetString()!);
    }

    private async Task<(HttpStatusCode Status, string? Key)> FetchAsync(QnetUpProcess replica, string keyId)
    {
        using var bob = replica.SaeClient(Data, "sae-bob");
        using var r = await bob.GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={keyId}");
        return r.StatusCode == HttpStatusCode.OK
            ? (r.StatusCode, (await ControlPlaneServer.ReadJsonAsync(r)).GetProperty("keys")[0].GetProperty("key").GetString())
            : (r.StatusCode, null);
    }
}
