using QNet.ControlPlane.ConfigChanges;
using QNet.ControlPlane.Tests.Mitigation;

namespace QNet.ControlPlane.Tests.ConfigChanges;

/// <summary>
/// Canary changes on the seeded diamond network (four single-click links, a = 0.01; session a→b over a-r1 and r1-b),
/// with no mitigation rules so nothing else touches the links: a good change is promoted after the bake, a regressing
/// one is rolled back by itself and the canary's fidelity returns, an idle canary gives no evidence and is rolled back.
/// </summary>
public sealed class ConfigChangeRunnerTests
{
    private const string StepsMetric = "qnet_config_change_steps_total";

    private static DiamondNetwork Started()
    {
        var net = new DiamondNetwork(DiamondNetwork.Only());
        net.SubmitAtoB();
        net.RunFor(5);
        return net;
    }

    // A second a→b session on the r2 side (r1 avoided while it is admitted) makes a-r2 and r2-b an independent
    // baseline for a canary on a-r1.
    private static DiamondNetwork StartedWithBaseline()
    {
        var net = new DiamondNetwork(DiamondNetwork.Only());
        net.Twin.Scheduler.Avoid("r1");
        net.Twin.Submit(new QNet.Network.Scenarios.SessionSpec("s-ab2", "a", "b") { MinFidelity = 0.8, CutoffSeconds = 0.05 }, "api", DiamondNetwork.Start);
        net.Twin.Scheduler.Unavoid("r1");
        net.SubmitAtoB();
        net.RunFor(5);
        Assert.Equal(["a", "r2", "b"], net.PathOf("s-ab2"));
        Assert.Equal(["a", "r1", "b"], net.PathOf("s-ab"));
        return net;
    }

    private static double Steps(DiamondNetwork net, string step) => net.Metrics.Tallies.All
        .Where(s => s.Metric == StepsMetric && s.Labels["step"] == step && s.Labels["field"] == "bright-state-population").Sum(s => s.Value);

    [Fact]
    public void Start_SmallBrightStateRise_PromotedToEveryLinkAfterBake()
    {
        var net = StartedWithBaseline();
        // a 0.01 → 0.012: fidelity ≈ 1 − a falls by 0.002 (inside the 0.02 margin), the rate rises by about a fifth.
        var (change, _, _, _) = net.Twin.ConfigChanges.Start(new ConfigChangeRequest("bright-state-population", 0.012, "a-r1", BakeSeconds: 30), DiamondNetwork.Start);
        Assert.NotNull(change);
        Assert.Equal(("observing", 0.01), (change.Status, change.Previous));
        Assert.Equal(["r1-b", "a-r2", "r2-b"], change.Baseline);
        Assert.Equal(["a-r2", "r2-b"], change.Compared); // r1-b shares s-ab's path with the canary

        net.RunFor(31);
        Assert.Equal("baking", net.Twin.ConfigChanges.All[0].Status);
        Assert.Equal(0.012, net.Twin.Topology.Links["a-r1"].BrightStatePopulation);
        Assert.Equal(0.01, net.Twin.Topology.Links["r1-b"].BrightStatePopulation); // only the canary so far

        net.RunFor(30);
        var done = net.Twin.ConfigChanges.All[0];
        Assert.Equal("promoted", done.Status);
        Assert.All(net.Twin.Topology.Links.Values, l => Assert.Equal(0.012, l.BrightStatePopulation));
        Assert.Equal("healthy", done.Figures!.Verdict);
        Assert.InRange(done.Figures.QualityShift!.Value, -0.005, 0.001);
        Assert.True(done.Figures.CanaryAfter.Samples >= 100 && done.Figures.BaselineAfter!.Samples >= 100);
        Assert.Equal(["requested", "canary-applied", "promoted"], done.Steps.Select(s => s.Step));
        Assert.Equal(["requested", "canary-applied", "promoted"], net.Stored.Where(e => e.Type == "config-change").Select(e => e.Change));
        Assert.Equal(1, Steps(net, "promoted"));
    }

    [Fact]
    public void Start_BrightStateTenfold_RolledBackByItselfAndCanaryFidelityReturns()
    {
        var net = StartedWithBaseline();
        var (change, _, _, _) = net.Twin.ConfigChanges.Start(new ConfigChangeRequest("bright-state-population", 0.1, "a-r1", BakeSeconds: 30), DiamondNetwork.Start);
        net.RunFor(61);

        var done = net.Twin.ConfigChanges.All.Single(c => c.Id == change!.Id);
        Assert.Equal("rolled-back", done.Status);
        Assert.Equal("regressed", done.Figures!.Verdict);
        // a = 0.1 costs the canary about 0.06 of herald fidelity (measured −0.059 with this seed): far past −(0.02 + 3σ).
        Assert.InRange(done.Figures.QualityShift!.Value, -0.1, -0.04);
        Assert.True(done.Figures.QualityShift < done.Figures.QualityFloor);
        Assert.Contains("regressed: quality moved by", done.Steps[^1].Reason, StringComparison.Ordinal);
        Assert.All(net.Twin.Topology.Links.Values, l => Assert.Equal(0.01, l.BrightStatePopulation));
        Assert.Equal(1, Steps(net, "rolled-back"));
        Assert.Equal(0, Steps(net, "promoted"));

        // The canary's SLI returns: its mean herald fidelity after the rollback is back at its before-window's.
        long pairs0 = net.Twin.Observer.LinkPairs["a-r1"];
        double sum0 = net.Twin.Observer.LinkFidelitySum["a-r1"];
        net.RunFor(30);
        double after = (net.Twin.Observer.LinkFidelitySum["a-r1"] - sum0) / (net.Twin.Observer.LinkPairs["a-r1"] - pairs0);
        Assert.Equal(done.Figures.CanaryBefore.Quality!.Value, after, 0.005);
    }

    [Fact]
    public void Start_IdleCanary_RolledBackAsInconclusive()
    {
        var net = Started();
        // a-r2 carries no session: no pairs, so no evidence either way.
        net.Twin.ConfigChanges.Start(new ConfigChangeRequest("bright-state-population", 0.012, "a-r2", BakeSeconds: 10), DiamondNetwork.Start);
        net.RunFor(21);
        var done = net.Twin.ConfigChanges.All[0];
        Assert.Equal(("rolled-back", "inconclusive"), (done.Status, done.Figures!.Verdict));
        Assert.Equal(0.01, net.Twin.Topology.Links["a-r2"].BrightStatePopulation);
    }

    [Fact]
    public void Abort_WhileBaking_CanarySetBackAndNoPromotion()
    {
        var net = Started();
        var (change, _, _, _) = net.Twin.ConfigChanges.Start(new ConfigChangeRequest("bright-state-population", 0.012, "a-r1", BakeSeconds: 10), DiamondNetwork.Start);
        net.RunFor(11);
        var (aborted, error) = net.Twin.ConfigChanges.Abort(change!.Id);
        Assert.Null(error);
        Assert.Equal("aborted", aborted!.Status);
        Assert.Equal(0.01, net.Twin.Topology.Links["a-r1"].BrightStatePopulation);
        net.RunFor(20);
        Assert.Equal("aborted", net.Twin.ConfigChanges.All[0].Status);
        Assert.All(net.Twin.Topology.Links.Values, l => Assert.Equal(0.01, l.BrightStatePopulation));
        Assert.NotNull(net.Twin.ConfigChanges.Abort(change.Id).Error); // already ended
        Assert.Equal((null, null), net.Twin.ConfigChanges.Abort("cc-nope"));
    }

    [Theory]
    [InlineData("brightness", 0.02, "a-r1", "field", "unknown field 'brightness'")]
    [InlineData("bright-state-population", 0.02, "x-y", "link", "'x-y' is not a link of the network")]
    [InlineData("bright-state-population", 0.9, "a-r1", "value", "must lie in (0, 0.5]")]
    [InlineData("bright-state-population", 0.01, "a-r1", "value", "is already the value")]
    [InlineData("post-processing-version", 3, "a-r1", "field", "does not run decoy-BB84 QKD")]
    [InlineData("detection-window", 1e-3, "a-r1", "value", "must lie in (0, 1E-06] seconds")]
    public void Start_BadRequest_FieldAndMessageAndNothingChanged(string field, double value, string link, string badField, string message)
    {
        var net = Started();
        var (change, f, error, conflict) = net.Twin.ConfigChanges.Start(new ConfigChangeRequest(field, value, link), DiamondNetwork.Start);
        Assert.Null(change);
        Assert.False(conflict);
        Assert.Equal(badField, f);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(net.Twin.ConfigChanges.All);
    }

    [Fact]
    public void Start_WhileAnotherRuns_ConflictNamingIt()
    {
        var net = Started();
        var (first, _, _, _) = net.Twin.ConfigChanges.Start(new ConfigChangeRequest("bright-state-population", 0.012, "a-r1"), DiamondNetwork.Start);
        var (second, _, error, conflict) = net.Twin.ConfigChanges.Start(new ConfigChangeRequest("source-efficiency", 0.9, "r1-b"), DiamondNetwork.Start);
        Assert.Null(second);
        Assert.True(conflict);
        Assert.Contains(first!.Id, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_DetectorEfficiencyDrop_RolledBackOnRate()
    {
        var net = StartedWithBaseline();
        // η 0.9 → 0.3: a single-click herald needs one detection, so the rate falls to about a third: past the 0.25 margin.
        var (change, _, _, _) = net.Twin.ConfigChanges.Start(new ConfigChangeRequest("detector-efficiency", 0.3, "a-r1", BakeSeconds: 30), DiamondNetwork.Start);
        Assert.Equal(0.9, change!.Previous);
        net.RunFor(61);
        var done = net.Twin.ConfigChanges.All[0];
        Assert.Equal("rolled-back", done.Status);
        Assert.Contains("rate moved by a factor", done.Steps[^1].Reason, StringComparison.Ordinal);
        Assert.InRange(done.Figures!.RateFactor!.Value, 0.2, 0.5);
        Assert.Equal(0.9, net.Twin.Topology.Links["a-r1"].Detector!.Efficiency);
        Assert.Equal(10, net.Twin.Topology.Links["a-r1"].Detector!.DarkCountRateHz, 9);
    }

    [Fact]
    public void Restore_PromotedAndRunningRecords_PromotedAppliedAgainRunningAborted()
    {
        var net = new DiamondNetwork(DiamondNetwork.Only());
        var stored = new List<ConfigChangeView>();
        net.Twin.ConfigChangeStored = stored.Add;
        var rule = new ConfigChangeRuleView(30, 0.02, 0.25, 3, 100);
        var promoted = new ConfigChangeView("cc-1", "bright-state-population", 0.012, "a-r1", 0.01, ["r1-b", "a-r2", "r2-b"], [], "promoted",
            DiamondNetwork.Start, DiamondNetwork.Start, rule, [new ConfigChangeStepView(65, "promoted", "held")], null);
        var running = promoted with { Id = "cc-2", Field = "source-efficiency", Value = 0.5, Previous = 1, Status = "baking", CreatedAt = DiamondNetwork.Start.AddMinutes(5) };

        var changed = net.Twin.ConfigChanges.Restore([running, promoted]);

        Assert.All(net.Twin.Topology.Links.Values, l => Assert.Equal(0.012, l.BrightStatePopulation));
        Assert.All(net.Twin.Topology.Links.Values, l => Assert.Equal(1, (l.Source ?? QNet.Physics.Hardware.PhotonSource.Ideal).Efficiency));
        Assert.Equal(["cc-2"], changed.Select(c => c.Id));
        Assert.Equal(("aborted", "aborted"), (changed[0].Status, changed[0].Steps[^1].Step));
        Assert.Equal(["cc-2"], stored.Select(c => c.Id)); // the aborted record is written back; the promoted one is unchanged
        Assert.Equal(["promoted", "aborted"], net.Twin.ConfigChanges.All.Select(c => c.Status));
    }
}
