namespace QNet.Network.Tests.Scenarios;

/// <summary>Scenario texts the loader tests append their sections to.</summary>
internal static class ScenarioTexts
{
    /// <summary>Two end nodes, one link, one session; a section appended to it starts on line 9, its first entry on line 10.</summary>
    public const string TwoEndNodes = """
        name: t
        nodes:
          - { id: alice, kind: end }
          - { id: bob, kind: end }
        links:
          - { id: l, between: [alice, bob], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.9 }
        sessions:
          - { id: s, source: alice, destination: bob }

        """;
}
