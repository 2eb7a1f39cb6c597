using QNet.Kernel;
using QNet.Network.Routing;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using QNet.Network.Tests.Faults;

namespace QNet.Network.Tests.Sessions;

public class RetryPolicyTests
{
    [Fact]
    public void DelayBefore_Defaults_DoublesFromOneSecondUpToSixty()
    {
        var p = RetryPolicy.Default;
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], Enumerable.Range(1, 8).Select(p.DelayBefore).ToArray());
    }

    [Fact]
    public void Construct_MaxBelowInitial_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(InitialDelaySeconds: 5, MaxDelaySeconds: 1));
    }

    [Fact]
    public void FailLink_RestoredLater_SessionReadmittedAtRestore()
    {
        Scenario scenario = FaultNetworks.Load(FaultNetworks.Diamond);
        var sim = new Simulator(3);
        var scheduler = new SessionScheduler(sim, new Topology(scenario));
        var changes = new List<SessionChange>();
        scheduler.Observer = new ChangeRecorder(changes);
        scheduler.Submit(scenario.Sessions[0]);
        sim.RunUntil(SimTime.FromSeconds(0.5));
        scheduler.FailLink("a-r1");
        scheduler.FailLink("a-r2");
        // Backoff: attempts at 1.5, 3.5, 7.5, ..., 63.5 s, all refused while both links are down; the next is due at 123.5 s.
        sim.RunUntil(SimTime.FromSeconds(100));
        Assert.Equal(SessionOutcome.Failed, scheduler.Reports()[0].Outcome);

        scheduler.RestoreLink("a-r2");
        sim.RunUntil(SimTime.FromSeconds(100)); // the restore triggers an attempt now, not at the next backoff step
        SessionReport back = scheduler.Reports()[0];
        Assert.Equal(SessionOutcome.Running, back.Outcome);
        Assert.Equal(["alice", "r2", "bob"], back.Path);
        Assert.Equal([SessionChange.Admitted, SessionChange.Rerouted, SessionChange.Suspended, SessionChange.Readmitted], changes);
    }

    [Fact]
    public void FailLink_RetryNone_StaysFailedForGood()
    {
        Scenario scenario = FaultNetworks.Load(FaultNetworks.Diamond);
        var sim = new Simulator(3);
        var scheduler = new SessionScheduler(sim, new Topology(scenario)) { Retry = RetryPolicy.None };
        scheduler.Submit(scenario.Sessions[0]);
        sim.RunUntil(SimTime.FromSeconds(0.5));
        scheduler.FailLink("a-r1");
        scheduler.FailLink("a-r2");
        scheduler.RestoreLink("a-r1");
        sim.RunUntil(SimTime.FromSeconds(10));
        Assert.Equal(SessionOutcome.Failed, scheduler.Reports()[0].Outcome);
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

        public void PairLost(string sessionId, QNet.Network.Entanglement.LossReason reason)
        {
        }
    }
}
