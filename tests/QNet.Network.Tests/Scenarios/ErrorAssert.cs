using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Scenarios;

/// <summary>Shared inputs and assertions of the loader's error tests.</summary>
internal static class ErrorAssert
{
    /// <summary>Two end nodes, alice and bob, and an open <c>links:</c> key on line 5.</summary>
    public const string Nodes = """
        name: t
        nodes:
          - { id: alice, kind: end }
          - { id: bob, kind: end }
        links:
        """;

    public static IReadOnlyList<ScenarioError> Errors(string yaml)
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(yaml, "bad.yaml");
        Assert.False(result.IsValid);
        Assert.Null(result.Scenario);
        return result.Errors;
    }

    public static ScenarioError OnlyError(string yaml) => Assert.Single(Errors(yaml));

    /// <summary>The only error of a file whose one link (on line 6) has <paramref name="linkBody"/> after its id and ends.</summary>
    public static ScenarioError LinkError(string linkBody) => OnlyError(Nodes + "\n  - { id: l, between: [alice, bob], " + linkBody + " }\n");

    public static void AssertError(ScenarioError error, int line, string field, string messagePart)
    {
        Assert.Equal("bad.yaml", error.Source);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(messagePart, error.Message);
    }
}
