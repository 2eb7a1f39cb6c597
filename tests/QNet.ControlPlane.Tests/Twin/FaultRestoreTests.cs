using QNet.ControlPlane.Events;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Tests.Twin;

/// <summary>Faults the store remembered, applied again when <c>qnet up</c> restarts: repair times in twin time, not reported twice.</summary>
public sealed class FaultRestoreTests
{
    // Twin time at the restart: the twin's clock resumes after the last stored sample (ControlPlaneHost).
    private static readonly DateTimeOffset Restart = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Restore_TimedFaultInjectedBeforeTheRestart_ClearsAtItsInjectionPlusDuration()
    {
        var (twin, observed, persisted) = NewTwin();
        var fault = new Fault("f-restored", FaultKind.MemoryT2Drop, "hub", 0.5, Restart.AddSeconds(-30), null, 60);

        twin.Restore([fault]);
        Assert.Equal(5, twin.Topology.Nodes["hub"].Memory.T2Seconds, 12);
        // Reported when it was injected, before the restart: not again.
        Assert.Empty(observed);

        Run(twin, 29);
        Assert.True(twin.Faults.Single().Active, "still active 1 s before its repair time");
        Run(twin, 2);
        var cleared = twin.Faults.Single();
        Assert.False(cleared.Active);
        Assert.Equal(Restart.AddSeconds(30), cleared.ClearedAt);
        Assert.Equal(10, twin.Topology.Nodes["hub"].Memory.T2Seconds, 12);
        Assert.Equal([cleared], persisted);
    }

    [Fact]
    public void Restore_TimedFaultWhoseRepairTimePassedWhileDown_StoredClearedAtItsTimeAndNotApplied()
    {
        var (twin, observed, persisted) = NewTwin();
        var fault = new Fault("f-expired", FaultKind.MemoryT2Drop, "hub", 0.5, Restart.AddSeconds(-600), null, 60);

        twin.Restore([fault]);
        var cleared = twin.Faults.Single();
        Assert.False(cleared.Active);
        Assert.Equal(Restart.AddSeconds(-540), cleared.ClearedAt);
        Assert.Equal([cleared], persisted);
        Assert.Equal(10, twin.Topology.Nodes["hub"].Memory.T2Seconds, 12);
        Assert.Empty(observed);
    }

    private static (ControlPlane.Twin.Twin Twin, List<Fault> Observed, List<Fault> Persisted) NewTwin()
    {
        var observed = new List<Fault>();
        var persisted = new List<Fault>();
        var twin = new ControlPlane.Twin.Twin(ControlPlane.Hosting.DefaultScenario.Load(), new TwinMetrics(), new EventHub(TimeProvider.System), new TwinClock(Restart), 1,
            _ => Task.FromResult(true), _ => { }, persistFault: persisted.Add)
        {
            FaultObserved = (f, _) => observed.Add(f),
        };
        return (twin, observed, persisted);
    }

    private static void Run(ControlPlane.Twin.Twin twin, double seconds) =>
        twin.Advance(new SimTime(twin.Simulator.Now.Picoseconds + SimTime.FromSeconds(seconds).Picoseconds));
}
