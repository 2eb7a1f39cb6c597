using System.Text.Json.Nodes;
using QNet.ControlPlane.Kubernetes;

namespace QNet.ControlPlane.Tests.Kubernetes;

/// <summary>The reconciler over HTTP with the KubernetesClient library, against <see cref="FakeKubernetesApi"/>.</summary>
public sealed class ReconcileLoopTests : IAsyncLifetime
{
    private const string Ns = "qnet";
    private FakeKubernetesApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeKubernetesApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private IKubernetesResources Resources() => KubernetesReconcilerService.Connect(new KubernetesOptions(Ns, _api.Url));

    private string CreateSession(string name, string source = "alice", string destination = "bob") =>
        _api.Create("quantumsessions", "QuantumSession", Ns, name, new JsonObject { ["source"] = source, ["destination"] = destination, ["application"] = "qkd", ["minFidelity"] = 0.85 });

    private JsonObject Status(string plural, string name) => _api.Object(plural, Ns, name)["status"]!.AsObject();

    [Fact]
    public async Task RunOnce_NewQuantumSession_BecomesASessionAndItsStatusIsWritten()
    {
        var network = new FakeNetwork();
        string uid = CreateSession("alice-bob");

        var pass = await new ReconcileLoop(Resources(), network).RunOnceAsync(CancellationToken.None);

        Assert.Equal(new ReconcilePassResult(1, 1, 0), pass);
        Assert.Equal("running", network.Sessions["k8s-" + uid].Outcome);
        var status = Status("quantumsessions", "alice-bob");
        Assert.Equal("k8s-" + uid, (string?)status["sessionId"]);
        Assert.Equal("running", (string?)status["phase"]);
        Assert.True((bool?)status["admitted"]);
        Assert.Equal("alice > r1 > bob", (string?)status["path"]);
    }

    [Fact]
    public async Task RunOnce_RefusedRequest_StatusNamesTheField()
    {
        CreateSession("to-nowhere", destination: "zed");

        await new ReconcileLoop(Resources(), new FakeNetwork()).RunOnceAsync(CancellationToken.None);

        var status = Status("quantumsessions", "to-nowhere");
        Assert.Equal("refused", (string?)status["phase"]);
        Assert.Equal("spec.destination: 'zed' is not a node of the network", (string?)status["reason"]);
    }

    [Fact]
    public async Task RunOnce_StatusWriteConflicts_RereadsAndWritesOnTheFreshVersion()
    {
        var network = new FakeNetwork();
        string uid = CreateSession("alice-bob");
        // Another writer changes the object between the reconciler's read and its write: the first patch is stale.
        _api.BeforeNextPatch = () => _api.SetSpec("quantumsessions", Ns, "alice-bob", new JsonObject { ["source"] = "alice", ["destination"] = "bob", ["application"] = "qkd", ["minFidelity"] = 0.85 });

        var pass = await new ReconcileLoop(Resources(), network).RunOnceAsync(CancellationToken.None);

        Assert.Equal(new ReconcilePassResult(1, 1, 1), pass);
        Assert.Equal(2, _api.Patches);
        Assert.Equal(2, (long?)Status("quantumsessions", "alice-bob")["observedGeneration"]);
        Assert.Equal("k8s-" + uid, Assert.Single(network.Sessions).Key);
    }

    [Fact]
    public async Task RunOnce_SecondPassAndNewReplica_ChangeNothingAndWriteNothing()
    {
        var network = new FakeNetwork();
        CreateSession("alice-bob");
        await new ReconcileLoop(Resources(), network).RunOnceAsync(CancellationToken.None);

        var again = await new ReconcileLoop(Resources(), network).RunOnceAsync(CancellationToken.None); // a restarted or newly elected replica: no memory of the first

        Assert.Equal(new ReconcilePassResult(0, 0, 0), again);
        Assert.Single(network.Executed);
        Assert.Equal(1, _api.Patches);
    }

    [Fact]
    public async Task RunOnce_LiveCountersChange_StatusFollows()
    {
        var network = new FakeNetwork();
        string uid = CreateSession("alice-bob");
        var loop = new ReconcileLoop(Resources(), network);
        await loop.RunOnceAsync(CancellationToken.None);
        network.Deliver("k8s-" + uid, 500, 20.5, 0.9);

        await loop.RunOnceAsync(CancellationToken.None);

        var status = Status("quantumsessions", "alice-bob");
        Assert.Equal((500L, 20.5, 0.9), ((long)status["pairs"]!, (double)status["pairsPerSecond"]!, (double)status["meanFidelity"]!));
    }

    [Fact]
    public async Task RunOnce_QuantumSessionDeleted_CancelsTheSession()
    {
        var network = new FakeNetwork();
        string uid = CreateSession("alice-bob");
        await new ReconcileLoop(Resources(), network).RunOnceAsync(CancellationToken.None);
        _api.Delete("quantumsessions", Ns, "alice-bob");

        await new ReconcileLoop(Resources(), network).RunOnceAsync(CancellationToken.None);

        Assert.Equal("cancelled", network.Sessions["k8s-" + uid].Outcome);
    }

    [Fact]
    public async Task RunOnce_QuantumLinkOutOfServiceThenBack_CutReachesTheNetworkAndIsCleared()
    {
        var network = new FakeNetwork();
        _api.Create("quantumlinks", "QuantumLink", Ns, "alice-r1", new JsonObject { ["link"] = "alice-r1", ["inService"] = false });
        var loop = new ReconcileLoop(Resources(), network);

        await loop.RunOnceAsync(CancellationToken.None);
        Assert.Equal(["f-1"], network.CutsOn("alice-r1"));
        Assert.Equal(("f-1", false), ((string?)Status("quantumlinks", "alice-r1")["outOfServiceFault"], (bool?)Status("quantumlinks", "alice-r1")["up"]));

        _api.SetSpec("quantumlinks", Ns, "alice-r1", new JsonObject { ["link"] = "alice-r1", ["inService"] = true });
        await loop.RunOnceAsync(CancellationToken.None);

        Assert.Empty(network.CutsOn("alice-r1"));
        var status = Status("quantumlinks", "alice-r1");
        Assert.False(status.ContainsKey("outOfServiceFault"));
        Assert.True((bool?)status["up"]);
    }

    [Fact]
    public async Task Watch_ObjectsPresent_YieldsAnAddedEventForEach()
    {
        CreateSession("one");
        CreateSession("two");

        var events = new List<string>();
        await foreach (string e in Resources().WatchAsync(QuantumKind.Session, CancellationToken.None))
        {
            events.Add(e);
        }

        Assert.Equal(["Added", "Added"], events);
    }
}
