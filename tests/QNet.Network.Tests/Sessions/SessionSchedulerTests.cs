using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Routing;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using QNet.Network.Simulation;
using QNet.Physics.Purification;
using QNet.Physics.States;

namespace QNet.Network.Tests.Sessions;

public class SessionSchedulerTests
{
    // A diamond: alice and bob joined through r1 (short) or r2 (long), with deterministic links.
    private static string Diamond(string sessions, string memory = "{ slots: 4 }", double fidelity = 0.95, string length = "", string? repeaterMemory = null) => $$"""
        name: diamond
        duration: 2s
        nodes:
          - { id: alice, kind: end, memory: {{memory}} }
          - { id: bob, kind: end, memory: {{memory}} }
          - { id: r1, kind: repeater, memory: {{repeaterMemory ?? memory}}, swap: { protocol: asap, successProbability: 1 } }
          - { id: r2, kind: repeater, memory: {{repeaterMemory ?? memory}}, swap: { protocol: asap, successProbability: 1 } }
        links:
          - { id: a-r1, between: [alice, r1], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: {{fidelity}} {{length}} }
          - { id: r1-b, between: [r1, bob], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: {{fidelity}} {{length}} }
          - { id: a-r2, between: [alice, r2], heralding: probabilistic, successProbability: 0.5, attemptDuration: 2ms, fidelity: {{fidelity}} {{length}} }
          - { id: r2-b, between: [r2, bob], heralding: probabilistic, successProbability: 0.5, attemptDuration: 2ms, fidelity: {{fidelity}} {{length}} }
        sessions:
        {{sessions}}
        """;

    private static Scenario Load(string yaml)
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(yaml, "test.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Scenario!;
    }

    private static SessionReport Only(RunResult run) => Assert.Single(run.Sessions);

    [Fact]
    public void Admit_UnreachableFidelityTarget_RefusedWithReason()
    {
        var run = NetworkRun.Run(Load(Diamond("  - { id: s, source: alice, destination: bob, minFidelity: 0.99 }")), 1, SimTime.FromSeconds(1));
        SessionReport s = Only(run);
        Assert.Equal(SessionOutcome.Refused, s.Outcome);
        Assert.Contains("0.99", s.Reason);
        // Two Werner links of F = 0.95 swapped ideally: F = 1/4 + 3/4·w², w = (4·0.95 − 1)/3.
        double w = (4 * 0.95 - 1) / 3;
        Assert.Equal(0.25 + 0.75 * w * w, s.ExpectedFidelity, 12);
        Assert.Equal(0, s.Pairs);
    }

    [Fact]
    public void Admit_RoutesOverFasterPathAndDeliversAtExpectedFidelity()
    {
        var run = NetworkRun.Run(Load(Diamond("  - { id: s, source: alice, destination: bob, minFidelity: 0.8 }")), 2, SimTime.FromSeconds(2));
        SessionReport s = Only(run);
        Assert.Equal(SessionOutcome.Running, s.Outcome);
        Assert.Equal(["alice", "r1", "bob"], s.Path);
        Assert.True(s.Pairs > 100);
        Assert.Equal(s.ExpectedFidelity, s.MeanFidelity, 9); // ideal memories: no waiting loss
        Assert.True(s.TimeToFirstPairSeconds >= 1e-3);
    }

    [Fact]
    public void Admit_MemoryTaken_SecondSessionRefusedThenAdmittedAfterFirstEnds()
    {
        const string sessions = """
              - { id: first, source: alice, destination: bob, minFidelity: 0.8, pairs: 20 }
              - { id: second, source: alice, destination: bob, minFidelity: 0.8 }
              - { id: third, source: alice, destination: bob, minFidelity: 0.8, start: 1s }
            """;
        var run = NetworkRun.Run(Load(Diamond(sessions, memory: "{ slots: 1 }", repeaterMemory: "{ slots: 2 }")), 3, SimTime.FromSeconds(2));
        Assert.Equal(SessionOutcome.Completed, run.Sessions[0].Outcome);
        Assert.Equal(20, run.Sessions[0].Pairs);
        Assert.Equal(SessionOutcome.Refused, run.Sessions[1].Outcome);
        Assert.Contains("no free memory at node", run.Sessions[1].Reason);
        Assert.Equal(SessionOutcome.Running, run.Sessions[2].Outcome);
        Assert.True(run.Sessions[2].Pairs > 0);
    }

    [Fact]
    public void Priority_SameStart_HigherPriorityAdmittedFirst()
    {
        const string sessions = """
              - { id: low, source: alice, destination: bob, minFidelity: 0.8, priority: 1 }
              - { id: high, source: alice, destination: bob, minFidelity: 0.8, priority: 5 }
            """;
        var run = NetworkRun.Run(Load(Diamond(sessions, memory: "{ slots: 1 }", repeaterMemory: "{ slots: 2 }")), 4, SimTime.FromSeconds(0.5));
        Assert.Equal(SessionOutcome.Refused, run.Sessions.Single(s => s.Id == "low").Outcome);
        Assert.Equal(SessionOutcome.Running, run.Sessions.Single(s => s.Id == "high").Outcome);
    }

    [Fact]
    public void PairsWithDuration_TooFew_FailsWithReason()
    {
        var run = NetworkRun.Run(Load(Diamond("  - { id: s, source: alice, destination: bob, minFidelity: 0.8, pairs: 100000, duration: 1s }")), 5, SimTime.FromSeconds(2));
        SessionReport s = Only(run);
        Assert.Equal(SessionOutcome.Failed, s.Outcome);
        Assert.Contains("of 100000 pairs", s.Reason);
    }

    [Fact]
    public void Teleport_AverageTeleportedFidelity_IsTwoFPlusOneOverThree()
    {
        var run = NetworkRun.Run(Load(Diamond("  - { id: s, source: alice, destination: bob, minFidelity: 0.8, application: teleport }")), 6, SimTime.FromSeconds(2));
        SessionReport s = Only(run);
        // Every pair has the same fidelity here; test states are random: standard error ≤ 0.5/√pairs.
        double expected = (2 * s.MeanFidelity + 1) / 3;
        double tolerance = 5 * 0.5 / Math.Sqrt(s.Pairs);
        Assert.InRange(s.ApplicationFidelity, expected - tolerance, expected + tolerance);
    }

    [Fact]
    public void Purification_Dejmps_DeliversPurifiedFidelityAndCountsFailures()
    {
        var run = NetworkRun.Run(Load(Diamond(
            "  - { id: s, source: alice, destination: bob, minFidelity: 0.8, purification: { scheme: dejmps, rounds: 1 } }",
            fidelity: 0.9)), 7, SimTime.FromSeconds(2));
        SessionReport s = Only(run);
        var raw = new QNet.Physics.Hardware.BellStateMeasurement().Swap(BellDiagonalState.Werner(0.9), BellDiagonalState.Werner(0.9));
        PurificationResult once = DejmpsPurification.Apply(raw, raw);
        Assert.True(s.Pairs > 50);
        Assert.Equal(once.State.Fidelity, s.MeanFidelity, 9);
        Assert.Equal(once.State.Fidelity, s.ExpectedFidelity, 9);
        // Failures are Bernoulli(1 − p_succ) per attempt: their share among attempts within 5 standard errors.
        long failed = s.Failures[LossReason.PurificationFailed];
        long attempts = failed + s.Pairs;
        double q = 1 - once.SuccessProbability, se = Math.Sqrt(q * (1 - q) / attempts);
        Assert.InRange(failed / (double)attempts, q - 5 * se, q + 5 * se);
    }

    [Fact]
    public void Ghz_ThreeParties_FidelityFollowsFusionFormula()
    {
        const string yaml = """
            name: star
            duration: 1s
            nodes:
              - { id: hub, kind: end, memory: { slots: 3 } }
              - { id: a, kind: end }
              - { id: b, kind: end }
              - { id: c, kind: end }
            links:
              - { id: h-a, between: [hub, a], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.97 }
              - { id: h-b, between: [hub, b], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.97 }
              - { id: h-c, between: [hub, c], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.97 }
            sessions:
              - { id: g, source: hub, destination: a, parties: [b, c], minFidelity: 0.5, application: ghz }
            """;
        SessionReport s = Only(NetworkRun.Run(Load(yaml), 8, SimTime.FromSeconds(1)));
        var w = BellDiagonalState.Werner(0.97);
        Assert.True(s.Pairs > 50);
        Assert.Equal(QNet.Network.Applications.GhzFusion.Fidelity([w, w, w]), s.MeanFidelity, 9);
    }

    [Fact]
    public void FailLink_ReroutesThenFailsWhenNoPathLeft()
    {
        Scenario scenario = Load(Diamond("  - { id: s, source: alice, destination: bob, minFidelity: 0.8 }"));
        var sim = new Simulator(9);
        var scheduler = new SessionScheduler(sim, new Topology(scenario));
        scheduler.Submit(scenario.Sessions[0]);
        sim.RunUntil(SimTime.FromSeconds(0.5));
        long before = scheduler.Reports()[0].Pairs;
        Assert.True(before > 0);

        scheduler.FailLink("a-r1");
        sim.RunUntil(SimTime.FromSeconds(1));
        SessionReport moved = scheduler.Reports()[0];
        Assert.Equal(1, moved.Reroutes);
        Assert.Equal(["alice", "r2", "bob"], moved.Path);
        Assert.True(moved.Pairs > before);

        scheduler.FailLink("r2-b");
        sim.RunUntil(SimTime.FromSeconds(1.5));
        SessionReport failed = scheduler.Reports()[0];
        Assert.Equal(SessionOutcome.Failed, failed.Outcome);
        Assert.Contains("r2-b", failed.Reason);
        Assert.Equal(4, scheduler.FreeSlots["alice"]); // memory returned
    }

    [Fact]
    public void BelowTarget_PairsDiscardedNeverServed()
    {
        // Short T2: pairs that wait long for their partner decohere below 0.93 and must not be served.
        var run = NetworkRun.Run(Load(Diamond("  - { id: s, source: alice, destination: bob, minFidelity: 0.93 }",
            memory: "{ slots: 4, t2: 100ms }", fidelity: 0.99)), 10, SimTime.FromSeconds(2));
        SessionReport s = Only(run);
        Assert.True(s.Failures[LossReason.BelowFidelity] > 0);
        Assert.True(s.Pairs > 0);
        Assert.True(s.FidelityP10 >= 0.93 - 1e-4);
    }

    [Fact]
    public void LinkPurification_Dejmps_PurifiesEachLinkBeforeSwapping()
    {
        var run = NetworkRun.Run(Load(Diamond(
            "  - { id: s, source: alice, destination: bob, minFidelity: 0.8, purification: { scheme: dejmps, rounds: 1, scope: link } }",
            fidelity: 0.9)), 11, SimTime.FromSeconds(2));
        SessionReport s = Only(run);
        PurificationResult link = DejmpsPurification.Apply(BellDiagonalState.Werner(0.9), BellDiagonalState.Werner(0.9));
        var expected = new QNet.Physics.Hardware.BellStateMeasurement().Swap(link.State, link.State);
        Assert.Equal(SessionOutcome.Running, s.Outcome);
        Assert.Equal(2, s.RepeaterSlotsPerSide); // one round of recurrence keeps two pairs per link end
        Assert.True(s.Pairs > 50);
        Assert.Equal(expected.Fidelity, s.MeanFidelity, 9);
        Assert.Equal(expected.Fidelity, s.ExpectedFidelity, 9);
        Assert.True(s.Failures[LossReason.PurificationFailed] > 0);
    }

    [Fact]
    public void LinkPurification_RepeaterTooSmall_RefusedNamingRepeater()
    {
        var run = NetworkRun.Run(Load(Diamond(
            "  - { id: s, source: alice, destination: bob, minFidelity: 0.8, purification: { scheme: dejmps, rounds: 1, scope: link } }",
            memory: "{ slots: 4 }", repeaterMemory: "{ slots: 2 }")), 12, SimTime.FromSeconds(0.1));
        SessionReport s = Only(run);
        Assert.Equal(SessionOutcome.Refused, s.Outcome);
        Assert.Contains("repeater r1", s.Reason);
    }

    [Fact]
    public void Cancel_RunningSession_EndsItOnceAsCancelledAndFreesMemory()
    {
        Scenario scenario = Load(Diamond("  - { id: s, source: alice, destination: bob, minFidelity: 0.8 }"));
        var sim = new Simulator(13);
        var scheduler = new SessionScheduler(sim, new Topology(scenario));
        scheduler.Submit(scenario.Sessions[0]);
        sim.RunUntil(SimTime.FromSeconds(0.2));
        Assert.True(scheduler.Cancel("s", "operator asked"));
        Assert.False(scheduler.Cancel("s", "again"));
        SessionReport s = scheduler.Reports()[0];
        Assert.Equal(SessionOutcome.Cancelled, s.Outcome);
        Assert.Equal("operator asked", s.Reason);
        Assert.Equal(4, scheduler.FreeSlots["alice"]);
        long pairs = s.Pairs;
        sim.RunUntil(SimTime.FromSeconds(0.5));
        Assert.Equal(pairs, scheduler.ReportOf("s")!.Pairs);
    }

    [Fact]
    public void Submit_StartingNowInSeconds_IsDecidedNowHoursIntoTheRun()
    {
        var now = RoundingInstant.HoursIn(3); // its seconds round to a later picosecond
        Scenario scenario = Faults.FaultNetworks.Load(Faults.FaultNetworks.Pair);
        var sim = new Simulator(7);
        sim.RunUntil(now);
        var scheduler = new SessionScheduler(sim, new Topology(scenario));

        scheduler.Submit(scenario.Sessions[0] with { StartSeconds = now.Seconds });
        scheduler.RunUntil(now);

        Assert.Equal(SessionOutcome.Running, Assert.Single(scheduler.Reports()).Outcome);
    }

    [Fact]
    public void Submit_EndDuePastTheClocksEnd_RunsToTheHorizonWithoutOverflow()
    {
        Scenario scenario = Faults.FaultNetworks.Load(Faults.FaultNetworks.Pair);
        var sim = new Simulator(7);
        var start = SimTime.Horizon - SimTime.FromSeconds(1);
        sim.RunUntil(start); // late in the clock's range; nothing queued yet
        var scheduler = new SessionScheduler(sim, new Topology(scenario));

        scheduler.Submit(scenario.Sessions[0] with { StartSeconds = start.Seconds, DurationSeconds = 30 * 86_400 });
        scheduler.RunUntil(SimTime.Horizon);

        SessionReport report = Assert.Single(scheduler.Reports());
        Assert.Equal(SessionOutcome.Running, report.Outcome);
        Assert.True(report.Pairs > 0, "no pair in the last simulated second");
    }
}
