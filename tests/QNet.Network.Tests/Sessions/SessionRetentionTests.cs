using QNet.Kernel;
using QNet.Network.Routing;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;

namespace QNet.Network.Tests.Sessions;

public class SessionRetentionTests
{
    // alice - r - bob with deterministic swaps; the links herald about every 2 ms.
    private const string Line = """
        name: line
        nodes:
          - { id: alice, kind: end, memory: { slots: 4 } }
          - { id: bob, kind: end, memory: { slots: 4 } }
          - { id: r, kind: repeater, memory: { slots: 4 }, swap: { protocol: asap, successProbability: 1 } }
        links:
          - { id: a-r, between: [alice, r], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.95 }
          - { id: r-b, between: [r, bob], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.95 }
        """;

    private static Topology NewTopology()
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(Line, "line.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return new Topology(result.Scenario!);
    }

    private static SessionSpec Short(int i, double now) =>
        new("s" + i, "alice", "bob") { MinFidelity = i % 7 == 3 ? 0.99 : 0.8, StartSeconds = now, DurationSeconds = 0.02 };

    // Submits 60 short sessions one after another (every 7th refused: fidelity target out of reach), as a service would.
    private static List<int> RunMany(SessionScheduler scheduler, Simulator sim)
    {
        var known = new List<int>();
        for (int i = 0; i < 60; i++)
        {
            sim.RunUntil(SimTime.FromSeconds(i * 0.05));
            scheduler.Submit(Short(i, sim.Now.Seconds));
            known.Add(scheduler.KnownSessions);
        }
        sim.RunUntil(SimTime.FromSeconds(3.1));
        return known;
    }

    [Fact]
    public void RetainedEndedSessions_ManyShortSessions_KeepsOnlyTheMostRecentWithReportsIntact()
    {
        var sim = new Simulator(21);
        var scheduler = new SessionScheduler(sim, NewTopology()) { RetainedEndedSessions = 5 };
        List<int> known = RunMany(scheduler, sim);

        // Each session ends (20 ms) before the next is submitted (50 ms later): at most 5 finished + the new one.
        Assert.All(known, k => Assert.InRange(k, 1, 6));
        Assert.Equal(5, scheduler.KnownSessions);
        Assert.Null(scheduler.ReportOf("s0"));
        Assert.Null(scheduler.ReportOf("s54"));

        // The same seed without retention runs the same simulation (forgetting draws no random numbers), so the
        // retained reports must equal the last five of the full run exactly.
        var fullSim = new Simulator(21);
        var full = new SessionScheduler(fullSim, NewTopology()) { RetainedEndedSessions = int.MaxValue };
        RunMany(full, fullSim);
        Assert.Equal(60, full.Reports().Count);
        IReadOnlyList<SessionReport> kept = scheduler.Reports();
        Assert.Equal(["s55", "s56", "s57", "s58", "s59"], kept.Select(r => r.Id));
        foreach (SessionReport r in kept)
        {
            SessionReport expected = full.ReportOf(r.Id)!;
            Assert.Equal(expected.Outcome, r.Outcome);
            Assert.Equal(expected.Reason, r.Reason);
            Assert.Equal(expected.Pairs, r.Pairs);
            Assert.Equal(expected.MeanFidelity, r.MeanFidelity);
            Assert.Equal(expected.ExpectedFidelity, r.ExpectedFidelity);
        }
        Assert.Equal(SessionOutcome.Refused, kept.Single(r => r.Id == "s59").Outcome); // 59 % 7 == 3
        Assert.All(kept.Where(r => r.Id != "s59"), r => Assert.True(r.Pairs > 0 && r.Outcome == SessionOutcome.Completed, r.Id));
        Assert.Equal(4, scheduler.FreeSlots["r"]);
    }

    [Fact]
    public void RetainedEndedSessions_ForgottenIdSubmittedAgain_OldPendingEndEventDoesNotEndTheNewOne()
    {
        var sim = new Simulator(22);
        var scheduler = new SessionScheduler(sim, NewTopology()) { RetainedEndedSessions = 0 };
        // Completes after one pair (a few ms) while its end event is still due at 1 s.
        scheduler.Submit(new SessionSpec("x", "alice", "bob") { MinFidelity = 0.8, Pairs = 1, DurationSeconds = 1 });
        sim.RunUntil(SimTime.FromSeconds(0.5));
        Assert.Null(scheduler.ReportOf("x"));
        Assert.Equal(0, scheduler.KnownSessions);

        scheduler.Submit(new SessionSpec("x", "alice", "bob") { MinFidelity = 0.8, StartSeconds = 0.5 });
        sim.RunUntil(SimTime.FromSeconds(1.5));
        SessionReport again = scheduler.ReportOf("x")!;
        Assert.Equal(SessionOutcome.Running, again.Outcome);
        Assert.True(again.Pairs > 0);
    }

    [Fact]
    public void RetainedEndedSessions_Negative_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionScheduler(new Simulator(1), NewTopology()) { RetainedEndedSessions = -1 });

    // One long session restarted 200 times by link changes (a drill that steps a link's attenuation back and forth).
    private static (SessionScheduler Scheduler, SessionReport Report) Restarted(int retained)
    {
        var sim = new Simulator(23);
        var topology = NewTopology();
        var scheduler = new SessionScheduler(sim, topology) { RetainedEndedSessions = retained };
        scheduler.Submit(new SessionSpec("long", "alice", "bob") { MinFidelity = 0.8 });
        var link = topology.Links["a-r"];
        for (int i = 1; i <= 200; i++)
        {
            sim.RunUntil(SimTime.FromSeconds(i * 0.01));
            scheduler.ApplyLinkChange(link);
        }
        sim.RunUntil(SimTime.FromSeconds(2.05));
        return (scheduler, scheduler.ReportOf("long")!);
    }

    [Fact]
    public void ApplyLinkChange_ManyRestarts_ServiceSchedulerHoldsOnlyTheCurrentPathWithTheSameCounts()
    {
        var (service, report) = Restarted(retained: 1000);
        var (run, full) = Restarted(retained: int.MaxValue);

        // A service keeps the one path in use; a finite run keeps all 201 for its link counters.
        Assert.Equal(1, service.HeldPaths);
        Assert.Equal(201, run.HeldPaths);
        // Dropping retired paths draws no random numbers and keeps their loss counts, so the reports are identical.
        Assert.Equal(SessionOutcome.Running, report.Outcome);
        Assert.True(report.Pairs > 0);
        Assert.Equal(full.Pairs, report.Pairs);
        Assert.Equal(full.MeanFidelity, report.MeanFidelity);
        Assert.Equal(full.Failures, report.Failures);
    }
}
