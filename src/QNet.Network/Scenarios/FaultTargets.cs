namespace QNet.Network.Scenarios;

/// <summary>Checks a fault's target against a network: the one rule of the scenario loader, the injector and the control API.</summary>
public static class FaultTargets
{
    /// <summary>What is wrong with <paramref name="target"/> for <paramref name="kind"/> on <paramref name="scenario"/>'s network, or null.</summary>
    public static string? Problem(Scenario scenario, FaultKind kind, string? target) =>
        Problem(scenario.Nodes, scenario.Links, kind, target);

    /// <summary>What is wrong with <paramref name="target"/> for <paramref name="kind"/> on a network of these nodes and links, or null.</summary>
    public static string? Problem(IReadOnlyList<NodeSpec> nodes, IReadOnlyList<LinkSpec> links, FaultKind kind, string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return "is required";
        }
        switch (FaultKinds.TargetOf(kind))
        {
            case FaultTarget.Link:
                LinkSpec? link = links.FirstOrDefault(l => l.Id == target);
                if (link is null || link.Qkd is not null)
                {
                    return $"'{target}' is not an entanglement link of the network" + Near(target, links.Where(l => l.Qkd is null).Select(l => l.Id));
                }
                return null;
            case FaultTarget.QkdLink:
                return links.FirstOrDefault(l => l.Id == target) is { Qkd: not null }
                    ? null
                    : $"'{target}' is not a QKD link of the network" + Near(target, links.Where(l => l.Qkd is not null).Select(l => l.Id));
            case FaultTarget.Repeater:
                return nodes.FirstOrDefault(n => n.Id == target) is { Kind: NodeKind.Repeater }
                    ? null
                    : $"'{target}' is not a repeater of the network (a swap degrades at a repeater)" +
                      Near(target, nodes.Where(n => n.Kind == NodeKind.Repeater).Select(n => n.Id));
            case FaultTarget.NodeOrAll when target == FaultKinds.AllNodes:
                return null;
            default:
                return nodes.All(n => n.Id != target)
                    ? $"'{target}' is not a node of the network" + Near(target, nodes.Select(n => n.Id))
                    : null;
        }
    }

    private static string Near(string target, IEnumerable<string> ids) =>
        Spelling.Closest(target, ids.ToArray()) is { } near ? $" (did you mean '{near}'?)" : "";
}
