using QNet.Kernel;
using QNet.Network.Scenarios;

namespace QNet.Network.Switching;

/// <summary>
/// Runs one <see cref="SwitchModel"/> on its own, and builds the models of a scenario's switch nodes
/// (<c>Simulation/SwitchScenarioRun</c> runs a whole switch scenario).
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

    /// <summary>
    /// The model of every switch node: its links in file order are the leaves (each one's per-attempt success
    /// probability and attempt duration from the link's physics), its sessions the demands (weight = rate, or 1).
    /// </summary>
    public static IReadOnlyList<SwitchModel> ModelsOf(Scenario scenario) =>
        [.. scenario.Nodes.Where(n => n.Kind == NodeKind.Switch).Select(n => ModelOf(scenario, n))];

    private static SwitchModel ModelOf(Scenario scenario, NodeSpec node)
    {
        SwitchSpec spec = node.Switch ?? new SwitchSpec();
        var links = scenario.LinksOf(node.Id);
        var leaves = links.Select(l =>
        {
            var physics = LinkModelFactory.Create(l).Derive();
            return new SwitchLeaf(l.NodeA == node.Id ? l.NodeB : l.NodeA, l.Id, physics.SuccessProbability, physics.AttemptDuration)
            {
                State = physics.HeraldedState,
            };
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
}
