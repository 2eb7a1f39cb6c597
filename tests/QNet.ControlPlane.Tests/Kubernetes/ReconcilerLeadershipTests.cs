using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using QNet.ControlPlane.Kubernetes;

namespace QNet.ControlPlane.Tests.Kubernetes;

/// <summary>The hosted reconciler acts only while its replica leads: a follower changes nothing and writes no status.</summary>
public sealed class ReconcilerLeadershipTests : IAsyncLifetime
{
    private const string Ns = "qnet";
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(5);
    private FakeKubernetesApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeKubernetesApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Service_FollowerThenLeader_ActsOnlyOnceItLeads()
    {
        var options = new KubernetesOptions(Ns, _api.Url, resync: Resync);
        var network = new FakeNetwork();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        bool leading = false;
        int asked = 0;
        var leadership = IReconcilerLeadership.From(() =>
        {
            Interlocked.Increment(ref asked);
            return Volatile.Read(ref leading);
        });
        string uid = _api.Create("quantumsessions", "QuantumSession", Ns, "alice-bob",
            new JsonObject { ["source"] = "alice", ["destination"] = "bob", ["application"] = "qkd", ["minFidelity"] = 0.85 });
        using var service = new KubernetesReconcilerService(options, KubernetesReconcilerService.Connect(options), network, leadership, time,
            NullLogger<KubernetesReconcilerService>.Instance);

        await service.StartAsync(CancellationToken.None);
        // Several passes' worth of resync intervals while following: the loop asks, and does nothing.
        while (Volatile.Read(ref asked) < 4)
        {
            time.Advance(Resync);
            await Task.Delay(20);
        }

        Assert.Empty(network.Executed);
        Assert.Equal(0, _api.Patches);

        Volatile.Write(ref leading, true);
        while (!network.Sessions.ContainsKey("k8s-" + uid) || _api.Patches == 0)
        {
            time.Advance(Resync);
            await Task.Delay(20);
        }
        await service.StopAsync(CancellationToken.None);

        Assert.Equal("running", network.Sessions["k8s-" + uid].Outcome);
        Assert.Equal("running", (string?)_api.Object("quantumsessions", Ns, "alice-bob")["status"]!["phase"]);
    }
}
