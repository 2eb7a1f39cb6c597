using QNet.Network.Scenarios;

namespace QNet.Network.Routing;

/// <summary>A path from source to destination: its nodes in order, the links between them and its cost.</summary>
/// <param name="Nodes">Node ids, source first.</param>
/// <param name="Links">Links; link j joins node j and j+1.</param>
/// <param name="Cost">The router's cost of the path (lower is better).</param>
public sealed record RoutePath(IReadOnlyList<string> Nodes, IReadOnlyList<LinkSpec> Links, double Cost)
{
    /// <summary>Shows the path as <c>a → r1 → b</c>.</summary>
    public override string ToString() => string.Join(" → ", Nodes);
}
