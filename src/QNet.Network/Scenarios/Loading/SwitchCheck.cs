using YamlDotNet.RepresentationModel;

namespace QNet.Network.Scenarios.Loading;

/// <summary>
/// Checks a scenario with switch nodes as a whole: every link of a switch goes to an end node (its leaf),
/// once; a switch has at least two leaves; and, since such a scenario simulates the switches only, every
/// link ends at a switch and every session joins leaves of one switch with what a switch models
/// (raw pairs or GHZ states, a rate or a number of pairs, start and duration).
/// </summary>
internal static class SwitchCheck
{
    // Session keys that have no meaning at a switch; the value explains what to use instead.
    private static readonly (string Key, string Why)[] Unmodelled =
    [
        ("minFidelity", "the switch model delivers states by count and waiting time, not fidelity"),
        ("purification", "the switch does not purify"),
        ("qkd", "the switch model delivers pairs, not key"),
        ("memorySlots", "the switch's buffer is set by switch.buffer"),
        ("cutoff", "set the storage cut-off on the switch node (switch.cutoff)"),
        ("priority", "the switch's policy (switch.policy) decides which request is served"),
    ];

    public static void Check(Scenario scenario, MappingReader root)
    {
        var switches = scenario.Nodes.Where(n => n.Kind == NodeKind.Switch).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        if (switches.Count == 0)
        {
            return;
        }
        var leafOf = new Dictionary<string, string>(StringComparer.Ordinal);
        IReadOnlyList<YamlNode> linkItems = Items(root, "links");
        for (int i = 0; i < scenario.Links.Count; i++)
        {
            LinkSpec link = scenario.Links[i];
            bool aSwitch = switches.Contains(link.NodeA), bSwitch = switches.Contains(link.NodeB);
            var at = Reader(linkItems[i], $"links[{i}]", root.Errors);
            if (!aSwitch && !bSwitch)
            {
                at.ErrorAt("between", $"a scenario with a switch simulates the switches only; link '{link.Id}' does not end at a switch");
                continue;
            }
            (string hub, string leaf) = aSwitch ? (link.NodeA, link.NodeB) : (link.NodeB, link.NodeA);
            if (scenario.FindNode(leaf) is { Kind: not NodeKind.End } other)
            {
                at.ErrorAt("between", $"a switch's links go to end nodes (its leaves); '{leaf}' is a {ScenarioNames.Of(other.Kind)}");
            }
            else if (!leafOf.TryAdd(leaf, hub))
            {
                at.ErrorAt("between", leafOf[leaf] == hub
                    ? $"'{leaf}' already has a link to switch '{hub}'; a leaf fills its buffer through one link"
                    : $"'{leaf}' is already a leaf of switch '{leafOf[leaf]}'; a leaf belongs to one switch");
            }
        }
        IReadOnlyList<YamlNode> nodeItems = Items(root, "nodes");
        for (int i = 0; i < scenario.Nodes.Count; i++)
        {
            NodeSpec node = scenario.Nodes[i];
            int leaves = scenario.LinksOf(node.Id).Count;
            if (node.Kind == NodeKind.Switch && leaves < 2)
            {
                Reader(nodeItems[i], $"nodes[{i}]", root.Errors)
                    .ErrorAt("kind", $"switch '{node.Id}' has {leaves} leaf link(s); a switch needs links to at least two end nodes");
            }
        }
        IReadOnlyList<YamlNode> sessionItems = Items(root, "sessions");
        for (int i = 0; i < scenario.Sessions.Count; i++)
        {
            Session(scenario.Sessions[i], Reader(sessionItems[i], $"sessions[{i}]", root.Errors), leafOf);
        }
        foreach (string key in (string[])["faults", "calibration"])
        {
            if (root.Has(key) && Items(root, key).Count > 0)
            {
                root.ErrorAt(key, "faults and calibration jobs are not modelled at a switch; remove them from a scenario with a switch node");
            }
        }
    }

    private static void Session(SessionSpec session, MappingReader reader, Dictionary<string, string> leafOf)
    {
        if (session.Application is not (SessionApplication.Raw or SessionApplication.Ghz))
        {
            reader.ErrorAt("application", $"a switch delivers raw pairs or ghz states; '{ScenarioNames.Of(session.Application)}' is not modelled at a switch");
        }
        foreach (var (key, why) in Unmodelled)
        {
            reader.Forbid(key, $"is not modelled for a session at a switch: {why}");
        }
        string? hub = leafOf.GetValueOrDefault(session.Source);
        if (hub is null)
        {
            reader.ErrorAt("source", $"'{session.Source}' is not a leaf of any switch; in a scenario with a switch, sessions join leaves of one switch");
            return;
        }
        foreach ((string key, string end) in new[] { ("destination", session.Destination) }.Concat(session.Parties.Select(p => ("parties", p))))
        {
            if (leafOf.GetValueOrDefault(end) != hub)
            {
                reader.ErrorAt(key, $"'{end}' is not a leaf of switch '{hub}' (the source's switch); a session joins leaves of one switch");
            }
        }
    }

    // A reader over an item the parsers already checked: every key it has is known (no second unknown-key error).
    private static MappingReader Reader(YamlNode item, string path, ErrorSink errors)
    {
        var mapping = (YamlMappingNode)item;
        string[] keys = [.. mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "")];
        return new MappingReader(mapping, path, errors, keys);
    }

    private static IReadOnlyList<YamlNode> Items(MappingReader root, string key) =>
        root.Value(key) is YamlSequenceNode sequence ? [.. sequence.Children] : [];
}
