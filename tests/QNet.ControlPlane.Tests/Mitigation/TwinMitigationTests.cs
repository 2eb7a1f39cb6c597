using QNet.Network.Mitigation;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Tests.Mitigation;

/// <summary>Each rule acts on a seeded twin when its signal crosses, and not otherwise; every action is an event with its reason, value and trace ids.</summary>
public sealed class TwinMitigationTests
{
    private static readonly MitigationRule RerouteOnRate = DiamondNetwork.Default(MitigationAction.Reroute, MitigationSignal.LinkRateRatio);

    [Fact]
    public void Reroute_HealthyNetwork_NothingActs()
    {
        var net = new DiamondNetwork(MitigationPolicy.Default);
        net.SubmitAtoB();
        net.RunFor(120);
        Assert.Empty(net.Engine.Recent);
        Assert.Equal(["a", "r1", "b"], net.PathOf("s-ab"));
        Assert.DoesNotContain(net.Stored, e => e.Type == "mitigation");
    }

    [Fact]
    public void Reroute_LinkLossJumps_SessionMovesToDisjointPathWithEventAndCount()
    {
        var net = new DiamondNetwork(DiamondNetwork.Only(RerouteOnRate));
        string id = net.SubmitAtoB();
        net.RunFor(10);
        // +1 dB/km on 8 km: a single-click herald needs one photon over half the link, so 4 dB more loss on each half
        // takes the expected rate to about 0.4 of its configured rate (threshold 0.5); the r1 path stays the cheapest.
        var (fault, _, _) = net.Twin.Inject(FaultKind.AttenuationStep, "a-r1", 1.0, null, DiamondNetwork.Start);
        net.RunFor(1); // the fault restarts the session on its (still cheapest) path; the next evaluation moves it
        Assert.Equal(["a", "r1", "b"], net.PathOf(id));
        net.RunFor(10);

        Assert.Equal(["a", "r2", "b"], net.PathOf(id));
        var record = Assert.Single(net.Engine.Recent);
        Assert.Equal(("reroute", "link-rate-ratio", "a-r1"), (record.Action, record.Reason, record.Target));
        Assert.InRange(record.Value, 0.3, 0.5);
        Assert.Equal([id], record.SessionIds);
        Assert.Equal([net.Twin.Sessions[id].Info.TraceId], record.TraceIds);
        Assert.Contains("a-r1", net.Twin.Scheduler.Avoided);
        var e = Assert.Single(net.Stored, e => e.Type == "mitigation");
        Assert.Equal(("reroute", "link-rate-ratio", "a-r1", net.Twin.Sessions[id].Info.TraceId), (e.Action, e.Signal, e.Target, e.TraceId));
        Assert.Equal(1, net.Actions("reroute", "link-rate-ratio"));

        // Cleared: the link's rate is back past the release level, so new sessions may use it again (the moved one stays).
        net.Twin.Clear(fault!.Id, DiamondNetwork.Start);
        net.RunFor(10);
        Assert.Empty(net.Twin.Scheduler.Avoided);
        Assert.True(net.Engine.Recent[^1].Lifted);
        Assert.Equal(1, net.Actions("reroute", "link-rate-ratio"));
    }

    [Fact]
    public void Reroute_RepeaterSwapsFail_NodeAvoidedAndSessionMoved()
    {
        var rule = DiamondNetwork.Default(MitigationAction.Reroute, MitigationSignal.SwapSuccess);
        var net = new DiamondNetwork(DiamondNetwork.Only(rule));
        string id = net.SubmitAtoB();
        net.RunFor(30);
        Assert.Empty(net.Engine.Recent);
        var r1 = net.Twin.Topology.Nodes["r1"];
        net.Twin.Scheduler.ApplyNodeChange(new QNet.Network.Scenarios.NodeSpec(r1.Id, r1.Kind, r1.Memory,
            new QNet.Network.Scenarios.SwapSpec(r1.Swap!.Protocol, new QNet.Physics.Hardware.BellStateMeasurement(0.1, 0.001, 0.001))));
        net.RunFor(60);

        var record = Assert.Single(net.Engine.Recent);
        Assert.Equal(("reroute", "swap-success", "r1"), (record.Action, record.Reason, record.Target));
        Assert.InRange(record.Value, 0, 0.25);
        Assert.Equal(["a", "r2", "b"], net.PathOf(id));
    }

    [Fact]
    public void ShortenCutoff_MemoryLosesCoherence_SessionCutoffScaledWithIt()
    {
        var rule = DiamondNetwork.Default(MitigationAction.ShortenCutoff, MitigationSignal.CoherenceRatio);
        var net = new DiamondNetwork(DiamondNetwork.Only(rule));
        string id = net.SubmitAtoB();
        net.RunFor(30);
        Assert.Empty(net.Engine.Recent);
        Assert.Equal(0.05, net.Twin.Scheduler.RequestOf(id)!.CutoffSeconds);

        net.Twin.Inject(FaultKind.MemoryT2Drop, "r1", 0.3, null, DiamondNetwork.Start);
        net.RunFor(20);
        // The rule reads M5 as measured: nothing acts until the coherence probe (once a simulated minute) sees the drop.
        Assert.Empty(net.Engine.Recent);
        net.RunFor(40);

        var record = Assert.Single(net.Engine.Recent);
        Assert.Equal(("shorten-cutoff", "coherence-ratio", "r1"), (record.Action, record.Reason, record.Target));
        Assert.Equal([id], record.SessionIds);
        // The probe's estimate has about 4 % relative standard error: 20 % is five of them.
        Assert.InRange(record.Value, 0.3 * 0.8, 0.3 * 1.2);
        Assert.Equal(0.05 * record.Value, net.Twin.Scheduler.RequestOf(id)!.CutoffSeconds!.Value, 12);
        net.RunFor(600); // the estimates scatter around 0.3 within the 10 % revision step: nothing more happens
        Assert.Single(net.Engine.Recent);
    }

    [Fact]
    public void RaisePurification_PairsMissTarget_OneRoundMore()
    {
        var rule = DiamondNetwork.Default(MitigationAction.RaisePurification, MitigationSignal.SessionTargetMiss);
        var net = new DiamondNetwork(DiamondNetwork.Only(rule));
        string id = net.SubmitAtoB(minFidelity: 0.9);
        net.RunFor(60);
        Assert.Empty(net.Engine.Recent); // healthy: pairs meet 0.9

        // T2 at r1 falls to 5 ms: pairs waiting there for the other link dephase and miss the 0.9 target.
        net.Twin.Inject(FaultKind.MemoryT2Drop, "r1", 0.0005, null, DiamondNetwork.Start);
        net.RunFor(60);

        var first = net.Engine.Recent[0];
        Assert.Equal(("raise-purification", "session-target-miss", id), (first.Action, first.Reason, first.Target));
        Assert.Equal([id], first.SessionIds);
        Assert.True(first.Value > rule.Threshold, $"miss ratio {first.Value}");
        Assert.True(net.Twin.Scheduler.RequestOf(id)!.Purification is { Rounds: >= 1 });
        Assert.Equal(net.Engine.Recent.Count, net.Actions("raise-purification", "session-target-miss"));
    }

    [Fact]
    public void RunCalibration_DriftCrossesThreshold_CalibratedOnce()
    {
        // Drift grows at the twin's ageing rate: the threshold is what it reaches after 990 s, so the evaluation at 1,020 s
        // (every 60 s) calibrates, and not the one at 960 s.
        double threshold = QNet.ControlPlane.Twin.Twin.DriftPerHour * 990 / 3600, release = threshold / 2;
        var rule = new MitigationRule(MitigationAction.RunCalibration, MitigationSignal.CalibrationDrift, threshold, release, 3600);
        var net = new DiamondNetwork(new MitigationPolicy(true, 60, 200, 1, 5, [rule]));
        net.RunFor(1000);
        Assert.Empty(net.Engine.Recent);
        net.RunFor(100);

        Assert.Equal(4, net.Engine.Recent.Count); // each of the four links, once
        Assert.All(net.Engine.Recent, r => Assert.Equal(("run-calibration", 1020.0), (r.Action, r.SimulatedSeconds)));
        Assert.All(net.Twin.Scenario.Links, l => Assert.True(net.Twin.DriftOf(l.Id) < release));
    }

    [Fact]
    public void ShedLoad_QueueBacksUp_LowPriorityShedUntilItDrains()
    {
        int depth = 0;
        var rule = DiamondNetwork.Default(MitigationAction.ShedLoad, MitigationSignal.CommandQueueDepth);
        var net = new DiamondNetwork(DiamondNetwork.Only(rule), () => depth);
        net.RunFor(20);
        Assert.Null(net.Twin.Shedder.RetryAfter(0));

        depth = 300;
        net.RunFor(5);
        Assert.Equal(5, net.Twin.Shedder.RetryAfter(0));
        Assert.Null(net.Twin.Shedder.RetryAfter(1));
        Assert.Equal(("shed-load", "command-queue-depth", 300.0), (net.Engine.Recent[0].Action, net.Engine.Recent[0].Reason, net.Engine.Recent[0].Value));

        depth = 100; // under the threshold, above the 64 release: still shedding
        net.RunFor(20);
        Assert.Equal(5, net.Twin.Shedder.RetryAfter(0));
        depth = 10;
        net.RunFor(5);
        Assert.Null(net.Twin.Shedder.RetryAfter(0));
    }

    [Fact]
    public void OffSwitch_LinkLossJumps_NothingActsUntilSwitchedOn()
    {
        var net = new DiamondNetwork(DiamondNetwork.Only(RerouteOnRate) with { Enabled = false });
        string id = net.SubmitAtoB();
        net.RunFor(10);
        net.Twin.Inject(FaultKind.AttenuationStep, "a-r1", 1.0, null, DiamondNetwork.Start);
        net.RunFor(60);
        Assert.Empty(net.Engine.Recent);
        Assert.Equal(["a", "r1", "b"], net.PathOf(id));

        net.Engine.Replace(net.Engine.Policy with { Enabled = true });
        net.RunFor(10);
        Assert.Equal(["a", "r2", "b"], net.PathOf(id));
    }
}
