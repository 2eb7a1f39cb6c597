using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Network.Switching;

/// <summary>
/// Runs switches: one <see cref="SwitchModel"/> on its own, or every switch of a scenario (the loader
/// has checked that such a scenario holds only switches, their leaf links and sessions between leaves).
/// </summary>
public static class SwitchRun
{
    /// <summary>Simulates one switch for <paramref name="duration"/> from empty buffers.</summary>
    public static SwitchReport Run(SwitchModel model, ulong seed, SimTime duration)
    {
        var sim = new Simulator(seed);
        var engine = new SwitchEngine(sim, model);
        engine.Start();
        sim.RunUntil(duration);
        return engine.Finish(duration);
    }

    /// <summary>True when the scenario has a switch node (and so is run by <see cref="RunScenario"/>).</summary>
    public static bool Applies(Scenario scenario) => scenario.Nodes.Any(n => n.Kind == NodeKind.Switch);

    /// <summary>
    /// The model of every switch node: its links in file order are the leaves (each one's per-attempt success
    /// probability and attempt duration from the link's physics), its sessions the demands (weight = rate, or 1).
    /// </summary>
    public static IReadOnlyList<SwitchModel> ModelsOf(Scenario scenario) =>
        [.. scenario.Nodes.Where(n => n.Kind == NodeKind.Switch).Select(n => ModelOf(scenario, n))];

    /// <summary>Simulates every switch of the scenario on one simulator; a link report per leaf link.</summary>
    public static RunResult RunScenario(Scenario scenario, ulong seed, SimTime duration, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var sim = new Simulator(seed);
        var models = ModelsOf(scenario);
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

    private static SwitchModel ModelOf(Scenario scenario, NodeSpec node)
    {
        SwitchSpec spec = node.Switch ?? new SwitchSpec();
        var links = scenario.LinksOf(node.Id);
        var leaves = links.Select(l =>
        {
            var physics = LinkModelFactory.Create(l).Derive();
            return new SwitchLeaf(l.NodeA == node.Id ? l.NodeB : l.NodeA, l.Id, physics.SuccessProbability, physics.AttemptDuration);
        }).ToArray();
        var index = leaves.Select((leaf, i) => (leaf.Node, i)).ToDictionary(x => x.Node, x => x.i, StringComparer.Ordinal);
        var demands = scenario.Sessions
            .Where(s => index.ContainsKey(s.Source))
            .Select(s => new SwitchDemand(s.Id, [index[s.Source], index[s.Destination], .. s.Parties.Select(p => index[p])])
            {
                RateHz = s.RateHz,
                Pairs = s.Pairs,
                StartSeconds = s.StartSeconds,
                DurationSeconds = s.DurationSeconds,
                Weight = s.RateHz ?? 1,
            }).ToArray();
        return new SwitchModel(node.Id, leaves, demands)
        {
            Buffer = spec.Buffer,
            Policy = spec.Policy,
            LossRateHz = spec.LossRateHz,
            CutoffSeconds = spec.CutoffSeconds,
            SwapSuccessProbability = spec.SwapSuccessProbability,
        };
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
