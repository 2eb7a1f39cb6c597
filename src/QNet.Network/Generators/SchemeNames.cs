using QNet.Network.Scenarios;

namespace QNet.Network.Generators;

/// <summary>Reads heralding scheme names as scenario files spell them, for command-line options.</summary>
public static class SchemeNames
{
    /// <summary>The accepted heralding names, in documentation order.</summary>
    public static IReadOnlyList<string> Heraldings => ScenarioNames.Heraldings.Names;

    /// <summary>Looks up a heralding scheme by its file name (<c>single-click</c>, ...).</summary>
    public static bool TryParseHeralding(string name, out HeraldingScheme scheme) => ScenarioNames.Heraldings.TryGet(name, out scheme);
}
