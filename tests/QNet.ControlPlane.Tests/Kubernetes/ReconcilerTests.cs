using QNet.ControlPlane.Apis;
using QNet.ControlPlane.Kubernetes;

namespace QNet.ControlPlane.Tests.Kubernetes;

public class ReconcilerTests
{
    private const string Uid = "0b7f6c1e-3c1d-4a8e-9d3f-5a2b1c0d9e8f";

    private static QuantumSessionResource Session(SessionRequest spec, QuantumSessionStatus? status = null, string uid = Uid) =>
        new("qnet", "alice-bob", uid, "7", 1, spec, status);

    private static QuantumLinkResource Link(bool inService, QuantumLinkStatus? status = null, string link = "alice-r1") =>
        new("qnet", link, "9a1b2c3d-0000-4000-8000-000000000001", "3", 2, link, inService, status);

    private static readonly SessionRequest AliceBob = new(null, "alice", "bob", "qkd", 0.85, RateHz: 20);

    private static async Task<NetworkObservation> ObserveAsync(FakeNetwork network, params string[] ids) => await network.ObserveAsync(ids, CancellationToken.None);

    [Fact]
    public async Task Plan_NewSession_SubmitsItUnderTheObjectsUidAndWritesNoStatusYet()
    {
        var network = new FakeNetwork();
        var plan = Reconciler.Plan([Session(AliceBob)], [], await ObserveAsync(network, "k8s-" + Uid));

        var submit = Assert.IsType<ReconcileAction.SubmitSession>(Assert.Single(plan.Actions));
        Assert.Equal("k8s-" + Uid, submit.Request.Id);
        Assert.Equal(("alice", "bob", "qkd", 0.85, 20.0), (submit.Request.Source, submit.Request.Destination, submit.Request.Application, submit.Request.MinFidelity, submit.Request.RateHz));
        Assert.Empty(plan.Patches);
    }

    [Fact]
    public async Task Plan_RequestTheSessionApiRefuses_RefusedWithTheFieldAndNoSession()
    {
        var network = new FakeNetwork();
        var plan = Reconciler.Plan([Session(AliceBob with { Destination = "r1" })], [], await ObserveAsync(network, "k8s-" + Uid));

        Assert.Empty(plan.Actions);
        var status = Assert.IsType<QuantumSessionStatus>(Assert.Single(plan.Patches).Status);
        Assert.Equal("refused", status.Phase);
        Assert.False(status.Admitted);
        Assert.Equal("spec.destination: 'r1' is a repeater; sessions run between end nodes", status.Reason);
    }

    [Fact]
    public async Task Plan_AdmittedSession_StatusCarriesAdmissionPathPairsRateAndFidelity()
    {
        var network = new FakeNetwork();
        await network.ExecuteAsync(new ReconcileAction.SubmitSession(AliceBob with { Id = "k8s-" + Uid }), CancellationToken.None);
        network.Deliver("k8s-" + Uid, 1234, 19.876543, 0.912345);

        var plan = Reconciler.Plan([Session(AliceBob)], [], await ObserveAsync(network, "k8s-" + Uid));

        Assert.Empty(plan.Actions);
        var patch = Assert.Single(plan.Patches);
        Assert.Equal((QuantumKind.Session, "qnet", "alice-bob", "7"), (patch.Kind, patch.Namespace, patch.Name, patch.ResourceVersion));
        Assert.Equal(new QuantumSessionStatus("k8s-" + Uid, "running", true, null, "alice > r1 > bob", 0.93, 1234, 19.8765, 0.9123, 1), patch.Status);
    }

    [Fact]
    public async Task Plan_StatusAlreadyCurrent_NoActionsAndNoWrites()
    {
        var network = new FakeNetwork();
        var first = Reconciler.Plan([Session(AliceBob)], [], await ObserveAsync(network, "k8s-" + Uid));
        await network.ExecuteAsync(first.Actions[0], CancellationToken.None);
        var second = Reconciler.Plan([Session(AliceBob)], [], await ObserveAsync(network, "k8s-" + Uid));
        var written = (QuantumSessionStatus)Assert.Single(second.Patches).Status;

        var third = Reconciler.Plan([Session(AliceBob, written)], [], await ObserveAsync(network, "k8s-" + Uid));

        Assert.Empty(third.Actions);
        Assert.Empty(third.Patches);
    }

    [Fact]
    public async Task Plan_ObjectDeleted_CancelsItsSessionOnly()
    {
        var network = new FakeNetwork();
        await network.ExecuteAsync(new ReconcileAction.SubmitSession(AliceBob with { Id = "k8s-" + Uid }), CancellationToken.None);
        await network.ExecuteAsync(new ReconcileAction.SubmitSession(AliceBob with { Id = "api-made" }), CancellationToken.None);

        var plan = Reconciler.Plan([], [], await ObserveAsync(network));

        Assert.Equal([new ReconcileAction.CancelSession("k8s-" + Uid)], plan.Actions);
    }

    [Fact]
    public async Task Plan_LinkOutOfService_CutsItOnceThenRecordsTheFault()
    {
        var network = new FakeNetwork();
        var first = Reconciler.Plan([], [Link(inService: false)], await ObserveAsync(network));
        Assert.Equal([new ReconcileAction.TakeLinkOutOfService("alice-r1")], first.Actions);
        await network.ExecuteAsync(first.Actions[0], CancellationToken.None);

        var second = Reconciler.Plan([], [Link(inService: false)], await ObserveAsync(network));

        Assert.Empty(second.Actions);
        var status = Assert.IsType<QuantumLinkStatus>(Assert.Single(second.Patches).Status);
        Assert.Equal(new QuantumLinkStatus(false, 0, 1200, 0.95, "f-1", null, 2), status);
    }

    [Fact]
    public async Task Plan_LinkBackInService_ClearsItsOwnCutAndLeavesAnOperatorsCut()
    {
        var network = new FakeNetwork();
        string operatorCut = network.CutByOperator("alice-r1");
        await network.ExecuteAsync(new ReconcileAction.TakeLinkOutOfService("alice-r1"), CancellationToken.None);
        string own = network.CutsOn("alice-r1")[1];
        var recorded = new QuantumLinkStatus(false, 0, 1200, 0.95, own, null, 2);

        var plan = Reconciler.Plan([], [Link(inService: true, recorded)], await ObserveAsync(network));
        await network.ExecuteAsync(Assert.Single(plan.Actions), CancellationToken.None);

        Assert.Equal(new ReconcileAction.ReturnLinkToService("alice-r1", own), plan.Actions[0]);
        Assert.Equal([operatorCut], network.CutsOn("alice-r1"));
    }

    [Fact]
    public async Task Plan_LinkTheNetworkLacks_StatusNamesSpecLink()
    {
        var plan = Reconciler.Plan([], [Link(inService: false, link: "nowhere")], await ObserveAsync(new FakeNetwork()));

        Assert.Empty(plan.Actions);
        Assert.Equal("spec.link: 'nowhere' is not a link of the network", ((QuantumLinkStatus)Assert.Single(plan.Patches).Status).Message);
    }
}
