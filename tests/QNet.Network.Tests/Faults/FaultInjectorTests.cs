using QNet.Kernel;
using QNet.Network.Faults;
using QNet.Network.Links;
using QNet.Network.Routing;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using QNet.Network.Tests.Sessions;

namespace QNet.Network.Tests.Faults;

public class FaultInjectorTests
{
    private static (Simulator Sim, SessionScheduler Scheduler, FaultInjector Faults) Start(string yaml, ulong seed = 7)
    {
        Scenario scenario = FaultNetworks.Load(yaml);
        var sim = new Simulator(seed);
        var scheduler = new SessionScheduler(sim, new Topology(scenario));
        var faults = new FaultInjector(sim, scheduler, scenario);
        foreach (SessionSpec s in scenario.Sessions)
        {
            scheduler.Submit(s);
        }
        return (sim, scheduler, faults);
    }

    [Fact]
    public void Schedule_CutsWithRepairTime_SessionSuspendedThenReadmittedAndLinksUp()
    {
        var (sim, scheduler, faults) = Start(FaultNetworks.Diamond);
        faults.Schedule("cut-1", new FaultSpec(FaultKind.LinkCut, "a-r1", 0, AtSeconds: 1, DurationSeconds: 10));
        faults.Schedule("cut-2", new FaultSpec(FaultKind.LinkCut, "a-r2", 0, AtSeconds: 1, DurationSeconds: 10));
        sim.RunUntil(SimTime.FromSeconds(5));

        SessionReport failed = scheduler.Reports()[0];
        Assert.Equal(SessionOutcome.Failed, failed.Outcome);
        Assert.False(scheduler.Topology.IsUp("a-r1"));
        Assert.Equal(4, scheduler.FreeSlots["alice"]); // memory returned while it waits
        long pairsWhileDown = failed.Pairs;

        sim.RunUntil(SimTime.FromSeconds(12));
        SessionReport back = scheduler.Reports()[0];
        Assert.Equal(SessionOutcome.Running, back.Outcome);
        Assert.True(scheduler.Topology.IsUp("a-r1") && scheduler.Topology.IsUp("a-r2"));
        Assert.True(back.Pairs > pairsWhileDown);
        Assert.All(faults.Faults, f => Assert.Equal(11, f.ClearedSeconds));
    }

    [Fact]
    public void Schedule_RepairDuePastTheClocksEnd_NeverComesAndNothingOverflows()
    {
        Scenario scenario = FaultNetworks.Load(FaultNetworks.Pair);
        var sim = new Simulator(7);
        sim.RunUntil(SimTime.Horizon - SimTime.FromSeconds(3600)); // an hour before the horizon; nothing queued yet
        var scheduler = new SessionScheduler(sim, new Topology(scenario));
        var faults = new FaultInjector(sim, scheduler, scenario);

        faults.Schedule("cut", new FaultSpec(FaultKind.LinkCut, "fiber", 0, DurationSeconds: 30 * 86_400));
        sim.RunUntil(SimTime.Horizon);

        Assert.False(scheduler.Topology.IsUp("fiber"));
        var cut = Assert.Single(faults.Faults);
        Assert.Equal((SimTime.Horizon - SimTime.FromSeconds(3600)).Seconds, cut.StartedSeconds);
        Assert.Null(cut.ClearedSeconds);
    }

    [Fact]
    public void Schedule_StartingNowInSeconds_StartsNowHoursIntoTheRun()
    {
        var now = RoundingInstant.HoursIn(3); // its seconds round to a later picosecond
        Scenario scenario = FaultNetworks.Load(FaultNetworks.Pair);
        var sim = new Simulator(7);
        sim.RunUntil(now);
        var scheduler = new SessionScheduler(sim, new Topology(scenario));
        var faults = new FaultInjector(sim, scheduler, scenario);

        faults.Schedule("cut", new FaultSpec(FaultKind.LinkCut, "fiber", 0, now.Seconds));
        sim.RunUntil(now);

        Assert.False(scheduler.Topology.IsUp("fiber"));
        Assert.Equal(now.Seconds, Assert.Single(faults.Faults).StartedSeconds);
    }

    [Fact]
    public void Clear_StackedAttenuationStepsInAnyOrder_RecomputedFromBase()
    {
        var (sim, scheduler, faults) = Start(FaultNetworks.Pair);
        faults.Schedule("a", new FaultSpec(FaultKind.AttenuationStep, "fiber", 0.1));
        faults.Schedule("b", new FaultSpec(FaultKind.AttenuationStep, "fiber", 0.3));
        sim.RunUntil(SimTime.FromSeconds(1));
        Assert.Equal(0.6, scheduler.Topology.Links["fiber"].AttenuationDbPerKm, 12);

        Assert.True(faults.Clear("a"));
        Assert.Equal(0.5, scheduler.Topology.Links["fiber"].AttenuationDbPerKm, 12);
        Assert.False(faults.Clear("a"));
        Assert.True(faults.Clear("b"));
        Assert.Equal(0.2, scheduler.Topology.Links["fiber"].AttenuationDbPerKm, 12);
    }

    [Fact]
    public void Schedule_TemperatureDrift_T2FollowsFormulaAndLinkRetunedInPlace()
    {
        var (sim, scheduler, faults) = Start(FaultNetworks.Pair);
        sim.RunUntil(SimTime.FromSeconds(1));
        HeraldedLink running = Assert.Single(scheduler.RunningLinks);
        double before = running.DeliveredState.Fidelity;

        faults.Schedule("drift", new FaultSpec(FaultKind.TemperatureDrift, "alice", 0.5, AtSeconds: 0));
        sim.RunUntil(SimTime.FromSeconds(1 + 7200 + 30));

        // Steps every 60 s from the start at 1 s: the last one at 1 + 7200 s, two hours in: T2 = 10 s · (1 − 0.5)².
        Assert.Equal(10 * 0.25, scheduler.Topology.Nodes["alice"].Memory.T2Seconds, 9);
        HeraldedLink still = Assert.Single(scheduler.RunningLinks);
        Assert.Same(running, still); // retuned in place, not restarted
        Assert.Equal(2.5, still.MemoryA.T2Seconds, 9);
        Assert.True(still.DeliveredState.Fidelity < before);
    }

    [Fact]
    public void Calibrate_AfterCalibrationDrift_MisalignmentDeltaGrowsThenResets()
    {
        var (sim, scheduler, faults) = Start(FaultNetworks.Pair);
        faults.Schedule("f8", new FaultSpec(FaultKind.CalibrationDrift, "fiber", 0.01));
        sim.RunUntil(SimTime.FromSeconds(7200));

        // 0.01 per hour for two hours on top of the base 0.01.
        Assert.Equal(0.02, faults.MisalignmentDelta("fiber"), 12);
        Assert.Equal(0.03, scheduler.Topology.Links["fiber"].Detector!.Misalignment, 12);
        HeraldedLink running = Assert.Single(scheduler.RunningLinks);

        Assert.True(faults.Calibrate("fiber"));
        Assert.Equal(0, faults.MisalignmentDelta("fiber"), 12);
        Assert.Equal(0.01, scheduler.Topology.Links["fiber"].Detector!.Misalignment, 12);
        Assert.Same(running, Assert.Single(scheduler.RunningLinks));
        Assert.False(faults.Calibrate("nowhere"));
    }

    [Fact]
    public void CalibrationJobs_EveryHourWithOutage_LinkDownDuringRunAndDriftSawtooth()
    {
        var (sim, scheduler, faults) = Start(FaultNetworks.Pair);
        faults.Schedule("f8", new FaultSpec(FaultKind.CalibrationDrift, "fiber", 0.02));
        var jobs = new CalibrationJobs(sim, faults, [new CalibrationSpec("fiber", 3600, 60)]);

        sim.RunUntil(SimTime.FromSeconds(3630));
        Assert.False(scheduler.Topology.IsUp("fiber"));
        Assert.True(faults.InCalibration("fiber"));
        Assert.Equal(SessionOutcome.Failed, scheduler.Reports()[0].Outcome);

        sim.RunUntil(SimTime.FromSeconds(3660 + 1800));
        Assert.True(scheduler.Topology.IsUp("fiber"));
        Assert.Equal(1, jobs.Runs);
        Assert.Equal(SessionOutcome.Running, scheduler.Reports()[0].Outcome);
        // Half an hour since the calibration at 3660 s.
        Assert.Equal(0.01, faults.MisalignmentDelta("fiber"), 12);
    }

    [Fact]
    public void Schedule_SwapDegradation_MeasurementWorseAndRestoredOnClear()
    {
        var (sim, scheduler, faults) = Start(FaultNetworks.Diamond);
        faults.Schedule("f6", new FaultSpec(FaultKind.SwapDegradation, "r1", 0.2));
        sim.RunUntil(SimTime.FromSeconds(1));
        var m = scheduler.Topology.Nodes["r1"].Swap!.Measurement;
        Assert.Equal(0.5 * 0.8, m.SuccessProbability, 12);
        Assert.Equal(1 - 0.99 * 0.8, m.GateDepolarizing, 12);

        faults.Clear("f6");
        Assert.Equal(0.5, scheduler.Topology.Nodes["r1"].Swap!.Measurement.SuccessProbability, 12);
    }

    [Fact]
    public void Schedule_MemoryT1Drop_KeepsT2AtMostTwiceT1()
    {
        var (sim, scheduler, faults) = Start(FaultNetworks.Pair);
        faults.Schedule("t1", new FaultSpec(FaultKind.MemoryT1Drop, "bob", 0.02));
        sim.RunUntil(SimTime.FromSeconds(1));
        var memory = scheduler.Topology.Nodes["bob"].Memory;
        Assert.Equal(2, memory.T1Seconds, 12);
        Assert.Equal(4, memory.T2Seconds, 12);
    }

    [Fact]
    public void Schedule_PhysicsFieldKinds_SetVisibilityBackgroundAndDelayThenClear()
    {
        var (sim, scheduler, faults) = Start(FaultNetworks.Pair);
        faults.Schedule("f2", new FaultSpec(FaultKind.VisibilityDrop, "fiber", 0.8));
        faults.Schedule("f2b", new FaultSpec(FaultKind.VisibilityDrop, "fiber", 0.9));
        faults.Schedule("f5", new FaultSpec(FaultKind.DetectorBackground, "fiber", 1000));
        faults.Schedule("f4", new FaultSpec(FaultKind.ControlDelay, FaultKinds.AllNodes, 0.001));
        sim.RunUntil(SimTime.FromSeconds(1));
        LinkSpec link = scheduler.Topology.Links["fiber"];
        Assert.Equal(0.8, link.Visibility, 12); // the lowest visibility wins
        Assert.Equal(1000, link.Detector!.BackgroundRateHz, 12);
        Assert.Equal(10, link.Detector.DarkCountRateHz, 12);
        Assert.Equal(0.001, scheduler.Topology.Nodes["alice"].ProcessingDelaySeconds, 12);
        Assert.Equal(0.001, scheduler.Topology.Nodes["bob"].ProcessingDelaySeconds, 12);

        foreach (string id in new[] { "f2", "f2b", "f5", "f4" })
        {
            Assert.True(faults.Clear(id));
        }
        Assert.Equal(FaultNetworks.Load(FaultNetworks.Pair).Links[0], scheduler.Topology.Links["fiber"]);
        Assert.Equal(0, scheduler.Topology.Nodes["bob"].ProcessingDelaySeconds);
    }

    [Theory]
    [InlineData(FaultKind.LinkCut, "alice", "target", "not an entanglement link")]
    [InlineData(FaultKind.MemoryT2Drop, "alcie", "target", "did you mean 'alice'")]
    [InlineData(FaultKind.SwapDegradation, "alice", "target", "not a repeater")]
    [InlineData(FaultKind.QkdConfigSkew, "a-r1", "target", "not a QKD link")]
    public void Problem_BadTarget_NamesTarget(FaultKind kind, string target, string field, string message)
    {
        var (_, _, faults) = Start(FaultNetworks.Diamond);
        var problem = faults.Problem(new FaultSpec(kind, target, kind == FaultKind.QkdConfigSkew ? 2 : 0.5));
        Assert.NotNull(problem);
        Assert.Equal(field, problem.Value.Field);
        Assert.Contains(message, problem.Value.Message);
        Assert.Throws<ArgumentException>(() => faults.Schedule("x", new FaultSpec(kind, target, kind == FaultKind.QkdConfigSkew ? 2 : 0.5)));
    }
}
