using QNet.Network.Scenarios;

namespace QNet.Network.Generators;

/// <summary>Reads heralding scheme names as scenario files spell them, for command-line options.</summary>
public static class SchemeNames
{
    /// <summary>The accepted heralding names, in documentation order.</summary>
    public static IReadOnlyList<string> Heraldings => ScenarioNames.Heraldings.Names;

    private static readonly NameTable<TopologyShape> Shapes = new(
        ("chain", TopologyShape.Chain), ("star", TopologyShape.Star), ("grid", TopologyShape.Grid), ("ring", TopologyShape.Ring));

    /// <summary>How files, comments and messages spell a topology shape (<c>chain</c>, <c>star</c>, <c>grid</c>, <c>ring</c>).</summary>
    public static string ShapeName(TopologyShape shape) => Shapes.NameOf(shape);

    /// <summary>Looks up a heralding scheme by its file name (<c>single-click</c>, ...).</summary>
    public static bool TryParseHeralding(string name, out HeraldingScheme scheme) => ScenarioNames.Heraldings.TryGet(name, out scheme);
}
