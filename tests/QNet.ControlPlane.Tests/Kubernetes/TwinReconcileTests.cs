using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Kubernetes;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Tests.Support;
using QNet.ControlPlane.Twin;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Tests.Kubernetes;

/// <summary>The reconciler on the real control plane (the twin of the metro network) and over HTTP to <see cref="FakeKubernetesApi"/>.</summary>
public sealed class TwinReconcileTests : IAsyncLifetime
{
    private const string Ns = "qnet";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-k8s-{Guid.NewGuid():N}");
    private FakeKubernetesApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeKubernetesApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task<ControlPlaneHandle> StartAsync() => ControlPlaneHost.StartAsync(
        new ControlPlaneOptions(Path.Combine(_root, "data"), apiPort: 0, etsiPort: 0) { MasterKeyFile = ControlPlaneServer.MasterKeyFileUnder(_root) }, TimeProvider.System);

    private ReconcileLoop Loop(ControlPlaneHandle host)
    {
        var s = host.Services;
        var port = new TwinNetworkPort(s.GetRequiredService<QNet.ControlPlane.Twin.Twin>(), s.GetRequiredService<TwinCommandQueue>(), s.GetRequiredService<ControlPlaneStore>(),
            s.GetRequiredService<StoreWriter>(), TimeProvider.System);
        return new ReconcileLoop(KubernetesReconcilerService.Connect(new KubernetesOptions(Ns, _api.Url)), port);
    }

    private JsonObject Status(string plural, string name) => _api.Object(plural, Ns, name)["status"]!.AsObject();

    [Fact]
    public async Task RunOnce_QuantumSessionOnTheTwin_AdmittedNotResubmittedAfterRestartAndCancelledOnDelete()
    {
        string uid = _api.Create("quantumsessions", "QuantumSession", Ns, "alice-bob", new JsonObject { ["source"] = "alice", ["destination"] = "bob", ["minFidelity"] = 0.5 });
        string id = "k8s-" + uid;
        await using (var first = await StartAsync())
        {
            var pass = await Loop(first).RunOnceAsync(CancellationToken.None);

            Assert.Equal(1, pass.Changes);
            var session = first.Services.GetRequiredService<QNet.ControlPlane.Twin.Twin>().Sessions[id];
            Assert.Equal(TwinNetworkPort.Origin, session.Info.Origin);
            var status = Status("quantumsessions", "alice-bob");
            Assert.Equal(id, (string?)status["sessionId"]);
            Assert.True((bool?)status["admitted"], status.ToJsonString());
            Assert.Equal(SessionNames.Of(SessionOutcome.Running), (string?)status["phase"]);
        }

        await using var second = await StartAsync(); // a restart (or another replica): nothing in memory but the store
        var resumed = await Loop(second).RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, resumed.Changes);

        _api.Delete("quantumsessions", Ns, "alice-bob");
        var deleted = await Loop(second).RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, deleted.Changes);
        Assert.Equal(SessionOutcome.Cancelled, second.Services.GetRequiredService<QNet.ControlPlane.Twin.Twin>().Sessions[id].Outcome);
    }

    [Fact]
    public async Task RunOnce_QuantumLinkOutOfService_LinkIsCutOnTheTwinAndReturns()
    {
        _api.Create("quantumlinks", "QuantumLink", Ns, "alice-r1", new JsonObject { ["link"] = "alice-r1", ["inService"] = false });
        await using var host = await StartAsync();
        var twin = host.Services.GetRequiredService<QNet.ControlPlane.Twin.Twin>();
        var loop = Loop(host);

        await loop.RunOnceAsync(CancellationToken.None);

        var cut = Assert.Single(twin.Faults, f => f.Active && f.Kind == FaultKind.LinkCut && f.Target == "alice-r1");
        Assert.Equal(cut.Id, (string?)Status("quantumlinks", "alice-r1")["outOfServiceFault"]);

        _api.SetSpec("quantumlinks", Ns, "alice-r1", new JsonObject { ["link"] = "alice-r1", ["inService"] = true });
        await loop.RunOnceAsync(CancellationToken.None);

        Assert.DoesNotContain(twin.Faults, f => f.Active && f.Target == "alice-r1");
        Assert.False(Status("quantumlinks", "alice-r1").ContainsKey("outOfServiceFault"));
    }

    [Fact]
    public async Task Host_KubernetesOption_ReconcilesOnItsOwn()
    {
        string uid = _api.Create("quantumsessions", "QuantumSession", Ns, "alice-bob", new JsonObject { ["source"] = "alice", ["destination"] = "bob" });
        var options = new ControlPlaneOptions(Path.Combine(_root, "data"), apiPort: 0, etsiPort: 0)
        {
            MasterKeyFile = ControlPlaneServer.MasterKeyFileUnder(_root),
            Kubernetes = new KubernetesOptions(Ns, _api.Url, resync: TimeSpan.FromMilliseconds(200)),
        };

        await using var host = await ControlPlaneHost.StartAsync(options, TimeProvider.System);
        var status = await ControlPlaneServer.EventuallyAsync(() => Task.FromResult(_api.Object("quantumsessions", Ns, "alice-bob")["status"] as JsonObject),
            "the hosted reconciler to write the QuantumSession's status");

        Assert.Equal("k8s-" + uid, (string?)status["sessionId"]);
        Assert.True(host.Services.GetRequiredService<QNet.ControlPlane.Twin.Twin>().Sessions.ContainsKey("k8s-" + uid));
    }
}
