using System.Globalization;
using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Faults;
using QNet.Network.Routing;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;

namespace QNet.Network.Tests.Sessions;

/// <summary>
/// Sessions run in partitions (a simulator of their own each, on a group clock with the shared one) give exactly what
/// they give on the shared simulator, on any number of threads: the same reports, the same observer calls at the same
/// times, and a session that meets its pair target ends at the instant of its last pair.
/// </summary>
public sealed class SessionPartitionTests
{
    // The metro network's entanglement part: alice-bob and alice-carol share alice-r1 and r1-hub, carol-dave and
    // alice-carol share carol-hub; alice-carol asks for a number of pairs and ends when it has them.
    private const string Metro = """
        name: metro-part
        duration: 30s
        nodes:
          - { id: alice, kind: end, memory: { slots: 4, t1: 100s, t2: 10s } }
          - { id: bob,   kind: end, memory: { slots: 4, t1: 100s, t2: 10s } }
          - { id: carol, kind: end, memory: { slots: 4, t1: 100s, t2: 10s } }
          - { id: dave,  kind: end, memory: { slots: 4, t1: 100s, t2: 10s } }
          - { id: r1, kind: repeater, memory: { slots: 8, t1: 100s, t2: 10s }, swap: { protocol: asap, successProbability: 0.5, gateDepolarizing: 0.001 } }
          - { id: r2, kind: repeater, memory: { slots: 8, t1: 100s, t2: 10s }, swap: { protocol: asap, successProbability: 0.5, gateDepolarizing: 0.001 } }
          - { id: hub, kind: repeater, memory: { slots: 16, t1: 100s, t2: 10s }, swap: { protocol: asap, successProbability: 0.5, gateDepolarizing: 0.001 } }
        links:
          - { id: alice-r1, between: [alice, r1], length: 8km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01, detector: { efficiency: 0.9, darkCountRate: 10Hz } }
          - { id: r1-hub, between: [r1, hub], length: 10km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01, detector: { efficiency: 0.9, darkCountRate: 10Hz } }
          - { id: bob-r2, between: [bob, r2], length: 8km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01, detector: { efficiency: 0.9, darkCountRate: 10Hz } }
          - { id: r2-hub, between: [r2, hub], length: 10km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01, detector: { efficiency: 0.9, darkCountRate: 10Hz } }
          - { id: carol-hub, between: [carol, hub], length: 12km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01, detector: { efficiency: 0.9, darkCountRate: 10Hz } }
          - { id: dave-hub, between: [dave, hub], length: 15km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01, detector: { efficiency: 0.9, darkCountRate: 10Hz } }
        sessions:
          - { id: alice-bob, source: alice, destination: bob, minFidelity: 0.8, application: raw, cutoff: 50ms }
          - { id: carol-dave, source: carol, destination: dave, minFidelity: 0.8, application: teleport, cutoff: 50ms }
          - { id: alice-carol, source: alice, destination: carol, minFidelity: 0.8, application: raw, cutoff: 50ms, pairs: 400 }
        """;

    [Fact]
    public void RunUntil_Partitioned_SessionsGetExactlyWhatTheyGetOnTheSharedSimulator()
    {
        Run shared = Simulate(threads: 0);
        Run one = Simulate(threads: 1);
        Run two = Simulate(threads: 2);
        Run three = Simulate(threads: 3);

        Assert.Equal(shared.Reports, one.Reports);
        Assert.Equal(one.Reports, two.Reports);
        Assert.Equal(one.Reports, three.Reports);
        // Each session's own calls (heralds, swaps, losses, deliveries, changes) in the same order at the same times.
        foreach (string id in new[] { "alice-bob", "carol-dave", "alice-carol" })
        {
            Assert.NotEmpty(shared.CallsOf(id));
            Assert.Equal(shared.CallsOf(id), one.CallsOf(id));
        }
        // The merged stream does not depend on the thread count, and it is in time order.
        Assert.Equal(one.Calls, two.Calls);
        Assert.Equal(one.Calls, three.Calls);
        Assert.True(one.Times.Zip(one.Times.Skip(1)).All(p => p.First <= p.Second), "the observer heard a call out of time order");
        // The sessions' paths ran on their partitions: the shared simulator ran only the control events.
        Assert.Equal(0, shared.PartitionEvents);
        Assert.True(one.PartitionEvents > 100 * one.SharedEvents, $"{one.PartitionEvents} partition events, {one.SharedEvents} shared");
        // The same events ran, plus one on the shared simulator: the end of the session that met its target, taken from its partition.
        Assert.Equal(shared.SharedEvents + 1, one.SharedEvents + one.PartitionEvents);
    }

    [Fact]
    public void RunUntil_PartitionedSessionMeetsItsPairTarget_EndsAtItsLastPair()
    {
        Run shared = Simulate(threads: 0);
        Run two = Simulate(threads: 2);

        string ended = Assert.Single(two.CallsOf("alice-carol"), c => c.Contains(" changed Ended", StringComparison.Ordinal));
        string last = two.CallsOf("alice-carol").Last(c => c.Contains(" delivered ", StringComparison.Ordinal));
        Assert.Equal(TimeOf(last), TimeOf(ended));
        Assert.Equal(shared.CallsOf("alice-carol").Single(c => c.Contains(" changed Ended", StringComparison.Ordinal)), ended);
        SessionReport report = two.Sessions.Single(r => r.Id == "alice-carol");
        Assert.Equal(400, report.Pairs);
        Assert.Equal(SessionOutcome.Completed, report.Outcome);
    }

    [Fact]
    public void PartitionThreads_SetAfterTheFirstSession_Refused()
    {
        Scenario scenario = Load();
        var scheduler = new SessionScheduler(new Simulator(1), new Topology(scenario));
        scheduler.Submit(scenario.Sessions[0]);

        Assert.Throws<InvalidOperationException>(() => scheduler.PartitionThreads = 2);
    }

    private static long TimeOf(string call) => long.Parse(call[..call.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);

    // 30 s of the network with a cut of carol-hub (6-8 s) and a T2 drop at the hub (12-15 s), advanced in 5 s steps
    // and in one call per second in between, as the twin advances.
    private static Run Simulate(int threads)
    {
        Scenario scenario = Load();
        var sim = new Simulator(2026);
        var scheduler = new SessionScheduler(sim, new Topology(scenario)) { PartitionThreads = threads, RetainedEndedSessions = int.MaxValue };
        var observer = new CallRecorder(scheduler);
        scheduler.Observer = observer;
        foreach (SessionSpec spec in scenario.Sessions)
        {
            scheduler.Submit(spec);
        }
        var faults = new FaultInjector(sim, scheduler, scenario);
        faults.Schedule("cut", new FaultSpec(FaultKind.LinkCut, "carol-hub", 1, AtSeconds: 6, DurationSeconds: 2));
        faults.Schedule("t2", new FaultSpec(FaultKind.MemoryT2Drop, "hub", 0.3, AtSeconds: 12, DurationSeconds: 3));
        for (int second = 1; second <= 30; second++)
        {
            scheduler.RunUntil(SimTime.FromSeconds(second));
        }
        string reports = string.Join("\n", scheduler.Reports().Select(r => string.Join(" ", r.Id, r.Outcome, r.Reason, string.Join(",", r.Path), r.Pairs,
            R(r.PairsPerSecond), R(r.MeanFidelity), R(r.FidelityP10), R(r.FidelityP50), R(r.FidelityP90), R(r.TimeToFirstPairSeconds),
            string.Join(",", r.Failures.Select(f => $"{f.Key}={f.Value}")), R(r.ApplicationFidelity), r.Reroutes, R(r.WaitingTimes.MeanSeconds))));
        return new Run(reports, observer.Calls, observer.Times, sim.EventsProcessed, scheduler.PartitionEvents, scheduler.Reports());
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static Scenario Load()
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(Metro, "metro-part.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Scenario!;
    }

    private sealed record Run(string Reports, IReadOnlyList<string> Calls, IReadOnlyList<long> Times, long SharedEvents, long PartitionEvents,
        IReadOnlyList<SessionReport> Sessions)
    {
        public string[] CallsOf(string session) => Calls.Where(c => c.Split(' ')[1] == session).ToArray();
    }

    // Every call as "time session what ...", the time being what the scheduler says the observer hears it at.
    private sealed class CallRecorder(SessionScheduler scheduler) : INetworkObserver
    {
        public List<string> Calls { get; } = [];

        public List<long> Times { get; } = [];

        public void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds) =>
            Add(sessionId, $"herald {linkId} {R(fidelity)} {R(heraldLatencySeconds)}");

        public void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds, bool darkCount) =>
            Add(sessionId, $"herald {linkId} {R(fidelity)} {R(heraldLatencySeconds)} {darkCount}");

        public void SwapAttempted(string sessionId, string nodeId, bool success) => Add(sessionId, $"swap {nodeId} {success}");

        public void PairLost(string sessionId, LossReason reason) => Add(sessionId, $"lost {reason}");

        public void PairDelivered(string sessionId, double fidelity) => Add(sessionId, $"delivered {R(fidelity)}");

        public void SessionChanged(SessionReport report, SessionChange change) => Add(report.Id, $"changed {change} {report.Pairs}");

        private void Add(string session, string what)
        {
            long now = scheduler.ObservedTime.Picoseconds;
            Times.Add(now);
            Calls.Add(string.Create(CultureInfo.InvariantCulture, $"{now} {session} {what}"));
        }
    }
}
