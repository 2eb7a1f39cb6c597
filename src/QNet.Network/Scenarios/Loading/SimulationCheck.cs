using QNet.Kernel;
using YamlDotNet.RepresentationModel;

namespace QNet.Network.Scenarios.Loading;

/// <summary>
/// Builds from a parsed scenario what a simulation builds (each link's model and physics, and the
/// link layer of a scenario without sessions) and turns any refusal into an error with the line and
/// field that cause it. Range checks on single values cannot see every combination the physics
/// refuses (a zero length with no source rate gives attempts that take no time; 10⁶ dB/km leaves no
/// light at all), so the loader asks the same constructors the simulator uses instead of restating
/// their rules; whatever <c>qnet validate</c> accepts, <c>qnet simulate</c> can then run.
/// </summary>
internal static class SimulationCheck
{
    /// <summary>Derives the physics of one link, reporting a refusal at the field that causes it.</summary>
    public static void Link(LinkSpec link, MappingReader reader)
    {
        try
        {
            LinkModelFactory.Create(link).Derive();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            if (Explain(link, reader) is { } known)
            {
                reader.ErrorAt(known.Key, known.Message);
            }
            else
            {
                reader.Errors.Add(reader.Node, reader.Path, "the simulator cannot build this link: " + UserMessage.Of(e));
            }
        }
    }

    /// <summary>
    /// For <see cref="ScenarioUse.Simulation"/>: without sessions every link runs at once on its own
    /// share of each end's memory, so each node needs a slot per link (<c>LinkRunSpec.Of</c> in Simulation).
    /// With sessions, links work only for the sessions that reserve them and share slots over time;
    /// the twin of <c>qnet up</c> runs links for sessions too, so it does not need this.
    /// </summary>
    public static void LinkLayer(Scenario scenario, IReadOnlyList<YamlNode> nodeItems, ErrorSink errors)
    {
        // A switch scenario runs the switches' buffers instead of the link layer (Switching/SwitchRun).
        if (scenario.Sessions.Count > 0 || scenario.Nodes.Any(n => n.Kind == NodeKind.Switch))
        {
            return;
        }
        for (int i = 0; i < scenario.Nodes.Count && i < nodeItems.Count; i++)
        {
            NodeSpec node = scenario.Nodes[i];
            int links = scenario.LinksOf(node.Id).Count;
            if (node.Memory.Slots < links)
            {
                YamlNode? memory = Child(nodeItems[i], "memory");
                YamlNode at = (memory is null ? null : Child(memory, "slots")) ?? memory ?? nodeItems[i];
                errors.Add(at, $"nodes[{i}].memory.slots",
                    $"node '{node.Id}' has {node.Memory.Slots} memory slot(s) but {links} links; without sessions every link runs at once "
                    + $"and needs a slot of its own at each end: give it slots: {links} or more, or add sessions");
            }
        }
        // Nothing else can fail: each link's model was built by Link() as the scenario was read.
    }

    private static YamlNode? Child(YamlNode node, string key) =>
        node is YamlMappingNode mapping ? mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: var k } && k == key).Value : null;

    /// <summary>The field and reason of the refusals a user can cause, in the order the physics meets them.</summary>
    private static (string Key, string Message)? Explain(LinkSpec link, MappingReader reader)
    {
        if (link.Heralding == HeraldingScheme.Probabilistic && link.LengthMetres is null)
        {
            return null;
        }
        if (link.OneWayDelaySeconds > Scenario.MaxDurationSeconds)
        {
            return ("length", $"light would take more than 100 days to cross this link ({reader.Text("length")}); the simulated clock spans 100 days");
        }
        if (link.Source is { RepetitionRateHz: var rate } && double.IsFinite(rate) && 1 / rate > Scenario.MaxDurationSeconds)
        {
            return ("source", "repetitionRate is so low that one emission period exceeds 100 days, the span of the simulated clock");
        }
        if (link.Heralding == HeraldingScheme.Probabilistic)
        {
            return null;
        }
        bool rateLimited = link.Source is { RepetitionRateHz: var r } && double.IsFinite(r);
        if (SimTime.FromSeconds(link.OneWayDelaySeconds) == SimTime.Zero && !rateLimited)
        {
            return ("length", $"light crosses this link ({reader.Text("length") ?? "no length"}) in less than 1 ps, the simulator's time step, so its "
                + "attempts would take no time; give the link a longer length, or its source a repetitionRate");
        }
        if (link.ChannelTransmittance == 0)
        {
            string key = link.Medium == LinkMedium.FreeSpace ? "loss" : reader.Has("attenuation") ? "attenuation" : "length";
            return (key, $"no light gets through this link: its total loss rounds the transmittance to 0, so it could never herald a pair; "
                + $"lower the {key}");
        }
        if (link.Source is { Efficiency: 0 })
        {
            return ("source", "a source efficiency of 0 emits no photons and the detectors have no dark counts, so the link could never herald a pair");
        }
        if (link.Detector is { Efficiency: 0 })
        {
            return ("detector", "a detector efficiency of 0 detects no photons and has no dark counts, so the link could never herald a pair");
        }
        return null;
    }
}
