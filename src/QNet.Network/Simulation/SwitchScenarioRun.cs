using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Switching;

namespace QNet.Network.Simulation;

/// <summary>
/// Runs a scenario with switch nodes: every switch on one simulator (the loader has checked that such a
/// scenario holds only switches, their leaf links and sessions between leaves of one switch).
/// </summary>
public static class SwitchScenarioRun
{
    /// <summary>True when the scenario has a switch node (and so is run by <see cref="Run"/>).</summary>
    public static bool Applies(Scenario scenario) => scenario.Nodes.Any(n => n.Kind == NodeKind.Switch);

    /// <summary>Simulates every switch of the scenario on one simulator; a link report per leaf link.</summary>
    public static RunResult Run(Scenario scenario, ulong seed, SimTime duration, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var sim = new Simulator(seed);
        var models = SwitchRun.ModelsOf(scenario);
        SwitchEngine[] engines = [.. models.Select(m => new SwitchEngine(sim, m))];
        foreach (SwitchEngine engine in engines)
        {
            engine.Start();
        }
        const int steps = 100;
        for (int step = 1; step <= steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sim.RunUntil(new SimTime(step == steps ? duration.Picoseconds : duration.Picoseconds / steps * step));
            progress?.Report(step / (double)steps);
        }
        SwitchReport[] reports = [.. engines.Select(e => e.Finish(duration))];
        var leaves = reports.SelectMany(r => r.Leaves).ToDictionary(l => l.Link, StringComparer.Ordinal);
        LinkReport[] links = [.. scenario.Links.Select(spec => LinkReportOf(spec, leaves[spec.Id], duration.Seconds))];
        return new RunResult(seed, sim.EventsProcessed, duration.Seconds, links) { Switches = reports };
    }

    private static LinkReport LinkReportOf(LinkSpec spec, SwitchLeafReport leaf, double seconds)
    {
        var model = LinkModelFactory.Create(spec);
        var physics = model.Derive();
        double fidelity = physics.HeraldedState.Fidelity;
        return new LinkReport(spec.Id, model.Scheme, leaf.Attempts, leaf.Generated, leaf.Generated / seconds,
            leaf.Attempts == 0 ? double.NaN : leaf.Generated / (double)leaf.Attempts,
            leaf.Generated == 0 ? double.NaN : fidelity, double.NaN,
            physics.SuccessProbability, physics.ExpectedRateHz, fidelity);
    }
}
