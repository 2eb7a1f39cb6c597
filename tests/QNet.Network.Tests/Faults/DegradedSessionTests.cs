using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Faults;
using QNet.Network.Routing;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;

namespace QNet.Network.Tests.Faults;

/// <summary>Degrade, don't fail: a fault that lowers an admitted session's path below its fidelity target (docs/failure-modes.md).</summary>
public sealed class DegradedSessionTests
{
    // The pair network with a 0.9 target: healthy single-click pairs over 20 km reach about 0.97.
    private static readonly string Strict = FaultNetworks.Pair.Replace("minFidelity: 0.5", "minFidelity: 0.9", StringComparison.Ordinal);

    private static (Simulator Sim, SessionScheduler Scheduler, FaultInjector Faults, List<SessionChange> Changes) Start()
    {
        Scenario scenario = FaultNetworks.Load(Strict);
        var sim = new Simulator(11);
        var scheduler = new SessionScheduler(sim, new Topology(scenario));
        var changes = new List<SessionChange>();
        scheduler.Observer = new ChangeRecorder(changes);
        var faults = new FaultInjector(sim, scheduler, scenario);
        scheduler.Submit(scenario.Sessions[0]);
        return (sim, scheduler, faults, changes);
    }

    [Fact]
    public void Schedule_VisibilityDropBelowTarget_SessionServesDegradedAndClearRestoresRunning()
    {
        var (sim, scheduler, faults, changes) = Start();
        sim.RunUntil(SimTime.FromSeconds(5));
        SessionReport healthy = scheduler.ReportOf("s")!;
        Assert.Equal(SessionOutcome.Running, healthy.Outcome);
        Assert.True(healthy.Pairs > 0);
        int freeWhileHealthy = scheduler.FreeSlots["alice"];
        Assert.True(freeWhileHealthy < 2, "the session holds memory at alice");

        faults.Schedule("v", new FaultSpec(FaultKind.VisibilityDrop, "fiber", 0.5));
        sim.RunUntil(SimTime.FromSeconds(15));
        SessionReport degraded = scheduler.ReportOf("s")!;
        Assert.Equal(SessionOutcome.Degraded, degraded.Outcome);
        Assert.Contains("fidelity target 0.9", degraded.Reason, StringComparison.Ordinal);
        Assert.Equal(SessionChange.Degraded, changes[^1]);
        Assert.DoesNotContain(SessionChange.Suspended, changes);
        // It still holds its memory and its path runs: the pairs below the target are discarded and counted, not lost to a stop.
        Assert.Equal(freeWhileHealthy, scheduler.FreeSlots["alice"]);
        Assert.NotEmpty(scheduler.RunningLinks);
        (long delivered, long below) = scheduler.TargetCounts("s")!.Value;
        Assert.True(below > healthy.Failures[LossReason.BelowFidelity] + 100, $"pairs below the target are counted missed ({below})");

        // Admission of a new request stays strict: the same request is refused on this physics.
        scheduler.Submit(new SessionSpec("late", "alice", "bob") { MinFidelity = 0.9, StartSeconds = 15 });
        sim.RunUntil(SimTime.FromSeconds(16));
        SessionReport late = scheduler.ReportOf("late")!;
        Assert.Equal(SessionOutcome.Refused, late.Outcome);
        Assert.StartsWith("fidelity target 0.9 is above", late.Reason, StringComparison.Ordinal);

        Assert.True(faults.Clear("v"));
        sim.RunUntil(SimTime.FromSeconds(25));
        SessionReport back = scheduler.ReportOf("s")!;
        Assert.Equal(SessionOutcome.Running, back.Outcome);
        Assert.Null(back.Reason);
        Assert.Equal(SessionChange.Restarted, changes[^1]);
        Assert.True(back.Pairs > delivered, "pairs are delivered again after the clear");
    }

    [Fact]
    public void Schedule_LinkCutOnADegradedSession_SuspendsAndReadmitsAsBefore()
    {
        var (sim, scheduler, faults, changes) = Start();
        faults.Schedule("v", new FaultSpec(FaultKind.VisibilityDrop, "fiber", 0.5, AtSeconds: 1));
        faults.Schedule("cut", new FaultSpec(FaultKind.LinkCut, "fiber", 0, AtSeconds: 5, DurationSeconds: 5));
        sim.RunUntil(SimTime.FromSeconds(7));
        Assert.Equal(SessionOutcome.Failed, scheduler.ReportOf("s")!.Outcome);
        Assert.Equal(SessionChange.Suspended, changes[^1]);

        faults.Clear("v");
        sim.RunUntil(SimTime.FromSeconds(20));
        Assert.Equal(SessionOutcome.Running, scheduler.ReportOf("s")!.Outcome);
        Assert.Equal(SessionChange.Readmitted, changes[^1]);
    }

    [Fact]
    public void Schedule_CalibrationDrift_SustainedMissesDegradeAndCalibrationRecovers()
    {
        var (sim, scheduler, faults, changes) = Start();
        // Misalignment grows by 0.2 an hour from 0.01: an hour in it is 0.21, so most pairs (about 0.97 healthy) fall below 0.9.
        faults.Schedule("f8", new FaultSpec(FaultKind.CalibrationDrift, "fiber", 0.2));
        sim.RunUntil(SimTime.FromSeconds(3600));
        SessionReport degraded = scheduler.ReportOf("s")!;
        Assert.Equal(SessionOutcome.Degraded, degraded.Outcome);
        Assert.Contains("slow drift", degraded.Reason, StringComparison.Ordinal);
        Assert.Equal(SessionChange.Degraded, changes[^1]);
        Assert.DoesNotContain(SessionChange.Suspended, changes);

        // Calibration resets the drift while the fault stays active: after two good steps (at most three minutes) it recovers.
        Assert.True(faults.Calibrate("fiber"));
        sim.RunUntil(SimTime.FromSeconds(3600 + 3 * FaultInjector.StepSeconds + 10));
        SessionReport back = scheduler.ReportOf("s")!;
        Assert.Equal(SessionOutcome.Running, back.Outcome);
        Assert.Null(back.Reason);
        Assert.Equal(SessionChange.Recovered, changes[^1]);
    }

    [Fact]
    public void Schedule_TemperatureDrift_SustainedMissesDegradeAndCalibrationRecovers()
    {
        var (sim, scheduler, faults, changes) = Start();
        // T2 = 10 s · 0.01^hours: about 1 ms two hours in and 10 µs at three, against pairs that wait about 100 µs for their herald.
        faults.Schedule("f3", new FaultSpec(FaultKind.TemperatureDrift, "alice", 0.99));
        sim.RunUntil(SimTime.FromSeconds(600));
        Assert.Equal(SessionOutcome.Running, scheduler.ReportOf("s")!.Outcome);
        sim.RunUntil(SimTime.FromSeconds(3 * 3600));
        SessionReport degraded = scheduler.ReportOf("s")!;
        Assert.Equal(SessionOutcome.Degraded, degraded.Outcome);
        Assert.Contains("fidelity target 0.9", degraded.Reason, StringComparison.Ordinal);
        Assert.Equal(SessionChange.Degraded, changes[^1]);

        Assert.True(faults.Calibrate("alice"));
        sim.RunUntil(SimTime.FromSeconds(3 * 3600 + 3 * FaultInjector.StepSeconds + 10));
        Assert.Equal(SessionOutcome.Running, scheduler.ReportOf("s")!.Outcome);
        Assert.Equal(SessionChange.Recovered, changes[^1]);

        // Clearing the drift also restores it: it degrades again as T2 falls, and the clear restarts it on the healed memory.
        sim.RunUntil(SimTime.FromSeconds(6 * 3600 + 600));
        Assert.Equal(SessionOutcome.Degraded, scheduler.ReportOf("s")!.Outcome);
        Assert.True(faults.Clear("f3"));
        sim.RunUntil(SimTime.FromSeconds(6 * 3600 + 700));
        Assert.Equal(SessionOutcome.Running, scheduler.ReportOf("s")!.Outcome);
    }

    private sealed class ChangeRecorder(List<SessionChange> changes) : INetworkObserver
    {
        public void SessionChanged(SessionReport report, SessionChange change) => changes.Add(change);

        public void PairDelivered(string sessionId, double fidelity)
        {
        }

        public void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds)
        {
        }

        public void SwapAttempted(string sessionId, string nodeId, bool success)
        {
        }

        public void PairLost(string sessionId, LossReason reason)
        {
        }
    }
}
