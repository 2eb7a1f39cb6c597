using QNet.Kernel;
using QNet.Network.Routing;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;

namespace QNet.Network.Tests.Sessions;

/// <summary>The scheduler's mitigation hooks: avoiding a link or node (moving running sessions to a link-disjoint path) and revising a running session's request.</summary>
public sealed class SessionAvoidanceTests
{
    // alice and bob through r1 (1 ms links, the cheap path) or r2 (2 ms links); bob–carol only directly.
    private const string Yaml = """
        name: avoid
        nodes:
          - { id: alice, kind: end, memory: { slots: 4 } }
          - { id: bob, kind: end, memory: { slots: 4 } }
          - { id: carol, kind: end, memory: { slots: 4 } }
          - { id: r1, kind: repeater, memory: { slots: 4 }, swap: { protocol: asap, successProbability: 1 } }
          - { id: r2, kind: repeater, memory: { slots: 4 }, swap: { protocol: asap, successProbability: 1 } }
        links:
          - { id: a-r1, between: [alice, r1], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.95 }
          - { id: r1-b, between: [r1, bob], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.95 }
          - { id: a-r2, between: [alice, r2], heralding: probabilistic, successProbability: 0.5, attemptDuration: 2ms, fidelity: 0.95 }
          - { id: r2-b, between: [r2, bob], heralding: probabilistic, successProbability: 0.5, attemptDuration: 2ms, fidelity: 0.95 }
          - { id: b-c, between: [bob, carol], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.95 }
        """;

    private static (Simulator Sim, SessionScheduler Scheduler) Start(params SessionSpec[] sessions)
    {
        var sim = new Simulator(3);
        var scheduler = new SessionScheduler(sim, new Topology(ScenarioLoader.Parse(Yaml, "avoid.yaml").Scenario!));
        foreach (var s in sessions)
        {
            scheduler.Submit(s);
        }
        sim.RunUntil(SimTime.FromSeconds(0.5));
        return (sim, scheduler);
    }

    [Fact]
    public void Avoid_NodeOnRunningPath_SessionMovesToDisjointPathAndKeepsDelivering()
    {
        var (sim, scheduler) = Start(new SessionSpec("s", "alice", "bob") { MinFidelity = 0.8 });
        Assert.Equal(["alice", "r1", "bob"], scheduler.ReportOf("s")!.Path);
        long before = scheduler.ReportOf("s")!.Pairs;

        Assert.Equal(["s"], scheduler.Avoid("r1"));
        sim.RunUntil(SimTime.FromSeconds(1));

        var report = scheduler.ReportOf("s")!;
        Assert.Equal(["alice", "r2", "bob"], report.Path);
        Assert.Equal(SessionOutcome.Running, report.Outcome);
        Assert.True(report.Pairs > before, $"{report.Pairs} pairs after the move, {before} before");
        Assert.Empty(scheduler.Avoid("r1")); // already avoided: nothing moves again
    }

    [Fact]
    public void Avoid_NoOtherPath_SessionStaysAndNewSessionsStillServed()
    {
        var (sim, scheduler) = Start(new SessionSpec("s", "bob", "carol") { MinFidelity = 0.8 });
        Assert.Empty(scheduler.Avoid("b-c"));
        scheduler.Submit(new SessionSpec("t", "bob", "carol") { MinFidelity = 0.8, StartSeconds = sim.Now.Seconds });
        sim.RunUntil(SimTime.FromSeconds(1));
        Assert.Equal(SessionOutcome.Running, scheduler.ReportOf("s")!.Outcome);
        Assert.Equal(SessionOutcome.Running, scheduler.ReportOf("t")!.Outcome);
        Assert.Equal(["bob", "carol"], scheduler.ReportOf("t")!.Path);
    }

    [Fact]
    public void Avoid_LinkThenUnavoid_NewSessionsUseItAgain()
    {
        var (sim, scheduler) = Start();
        scheduler.Avoid("a-r1");
        scheduler.Submit(new SessionSpec("s", "alice", "bob") { MinFidelity = 0.8, StartSeconds = sim.Now.Seconds });
        sim.RunUntil(SimTime.FromSeconds(0.6));
        Assert.Equal(["alice", "r2", "bob"], scheduler.ReportOf("s")!.Path);

        Assert.True(scheduler.Unavoid("a-r1"));
        Assert.False(scheduler.Unavoid("a-r1"));
        scheduler.Submit(new SessionSpec("t", "alice", "bob") { MinFidelity = 0.8, StartSeconds = sim.Now.Seconds });
        sim.RunUntil(SimTime.FromSeconds(0.7));
        Assert.Equal(["alice", "r1", "bob"], scheduler.ReportOf("t")!.Path);
        Assert.Equal(["alice", "r2", "bob"], scheduler.ReportOf("s")!.Path);
    }

    [Fact]
    public void Avoid_UnknownId_ArgumentError()
    {
        var (_, scheduler) = Start();
        Assert.Throws<ArgumentException>(() => scheduler.Avoid("nowhere"));
    }

    [Fact]
    public void Revise_ShorterCutoff_SessionRunsOnRevision()
    {
        var (_, scheduler) = Start(new SessionSpec("s", "alice", "bob") { MinFidelity = 0.8, CutoffSeconds = 0.05 });
        var spec = scheduler.RequestOf("s")!;
        Assert.True(scheduler.Revise("s", spec with { CutoffSeconds = 0.01 }));
        Assert.Equal(0.01, scheduler.RequestOf("s")!.CutoffSeconds);
        Assert.Equal(SessionOutcome.Running, scheduler.ReportOf("s")!.Outcome);
        Assert.False(scheduler.Revise("nobody", spec));
    }

    [Fact]
    public void BestDisjointPath_OneCandidateOrLinkExcluded_CheapestOrAvoidingPath()
    {
        var router = new Router(new Topology(ScenarioLoader.Parse(Yaml, "avoid.yaml").Scenario!));
        Assert.Equal(["alice", "r1", "bob"], router.BestDisjointPath("alice", "bob", 0.5, k: 1)!.Path.Nodes);
        Assert.Equal(["alice", "r2", "bob"], router.BestDisjointPath("alice", "bob", 0.5, k: 3, excludedLinks: new HashSet<string> { "r1-b" })!.Path.Nodes);
        Assert.Null(router.BestDisjointPath("alice", "bob", 0.999));
    }
}
