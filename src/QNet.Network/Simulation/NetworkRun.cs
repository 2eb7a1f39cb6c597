using QNet.Kernel;
using QNet.Network.Faults;
using QNet.Network.Links;
using QNet.Network.Routing;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;

namespace QNet.Network.Simulation;

/// <summary>
/// Runs a scenario. Without sessions every link runs on its own (the link layer, pairs consumed at
/// once). With sessions, links work only for the sessions that reserved them, and each session's
/// pairs go through swapping, purification and its application.
/// </summary>
public static class NetworkRun
{
    /// <summary>Simulates the scenario for <paramref name="duration"/> with one seed.</summary>
    public static RunResult Run(Scenario scenario, ulong seed, SimTime duration, LinkEngine engine = LinkEngine.AttemptSkipping,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (SwitchScenarioRun.Applies(scenario))
        {
            return SwitchScenarioRun.Run(scenario, seed, duration, progress, cancellationToken);
        }
        if (scenario.Sessions.Count == 0)
        {
            return LinkLayerRun.Run(LinkRunSpec.Of(scenario), seed, duration, engine, progress, cancellationToken);
        }

        var sim = new Simulator(seed);
        var topology = new Topology(scenario);
        // A scenario run is finite and its result lists every session and sums link counters over every session
        // runtime (AllLinks), so nothing is forgotten here; bounded retention is for long-running services.
        var scheduler = new SessionScheduler(sim, topology, engine) { RetainedEndedSessions = int.MaxValue };
        foreach (SessionSpec session in scenario.Sessions)
        {
            scheduler.Submit(session);
        }
        // Faults and calibration jobs replay on the simulator's clock, so a seed gives the same run every time.
        var faults = new FaultInjector(sim, scheduler, scenario);
        for (int i = 0; i < scenario.Faults.Count; i++)
        {
            faults.Schedule($"faults[{i}]", scenario.Faults[i]);
        }
        _ = new CalibrationJobs(sim, faults, scenario.Calibration);

        const int steps = 100;
        for (int step = 1; step <= steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sim.RunUntil(new SimTime(step == steps ? duration.Picoseconds : duration.Picoseconds / steps * step));
            progress?.Report(step / (double)steps);
        }

        IReadOnlyList<SessionReport> sessions = scheduler.Reports();
        var running = scheduler.AllLinks.ToArray();
        foreach (HeraldedLink link in running)
        {
            link.Finish();
        }
        return new RunResult(seed, sim.EventsProcessed, duration.Seconds, LinkReports(topology, running, scheduler, duration.Seconds), sessions);
    }

    // Links in sessions: counters summed over every session runtime that used the link.
    private static LinkReport[] LinkReports(Topology topology, HeraldedLink[] running, SessionScheduler scheduler, double seconds)
    {
        ILookup<string, HeraldedLink> byId = running.ToLookup(l => l.Id);
        return topology.Scenario.Links.Select(spec =>
        {
            var mine = byId[spec.Id].ToArray();
            long attempts = mine.Sum(l => l.Statistics.Attempts), pairs = mine.Sum(l => l.Statistics.Pairs);
            double fidSum = mine.Sum(l => l.Statistics.FidelitySum), latSum = mine.Sum(l => l.Statistics.HeraldingLatencySumSeconds);
            var physics = topology.PhysicsOf(spec);
            string scheme = LinkModelFactory.Create(spec).Scheme;
            return new LinkReport(spec.Id, scheme, attempts, pairs, pairs / seconds,
                attempts == 0 ? double.NaN : pairs / (double)attempts,
                pairs == 0 ? double.NaN : fidSum / pairs, pairs == 0 ? double.NaN : latSum / pairs,
                physics.SuccessProbability, double.NaN, mine.FirstOrDefault()?.DeliveredState.Fidelity ?? physics.HeraldedState.Fidelity);
        }).ToArray();
    }
}
