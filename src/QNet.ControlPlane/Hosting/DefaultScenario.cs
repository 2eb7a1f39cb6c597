using System.Reflection;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Hosting;

/// <summary>The built-in metro network (scenarios/metro.yaml, embedded so <c>qnet up</c> works from any folder).</summary>
public static class DefaultScenario
{
    /// <summary>The scenario's YAML text.</summary>
    public static string Text()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("QNet.ControlPlane.metro.yaml")
            ?? throw new InvalidOperationException("the metro scenario is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The parsed scenario.</summary>
    public static Scenario Load() => ScenarioLoader.Parse(Text(), "metro.yaml").Scenario
        ?? throw new InvalidOperationException("the embedded metro scenario is invalid");
}
