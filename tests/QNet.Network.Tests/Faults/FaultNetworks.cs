using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Faults;

// Small networks for the fault tests.
internal static class FaultNetworks
{
    // alice and bob joined through r1 (fast) or r2 (slow), deterministic-fidelity probabilistic links.
    public const string Diamond = """
        name: diamond
        duration: 2h
        nodes:
          - { id: alice, kind: end, memory: { slots: 4, t1: 100s, t2: 10s } }
          - { id: bob, kind: end, memory: { slots: 4, t1: 100s, t2: 10s } }
          - { id: r1, kind: repeater, memory: { slots: 4, t1: 100s, t2: 10s }, swap: { protocol: asap, successProbability: 0.5, gateDepolarizing: 0.01 } }
          - { id: r2, kind: repeater, memory: { slots: 4, t1: 100s, t2: 10s }, swap: { protocol: asap, successProbability: 1 } }
        links:
          - { id: a-r1, between: [alice, r1], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.97 }
          - { id: r1-b, between: [r1, bob], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.97 }
          - { id: a-r2, between: [alice, r2], heralding: probabilistic, successProbability: 0.5, attemptDuration: 2ms, fidelity: 0.97 }
          - { id: r2-b, between: [r2, bob], heralding: probabilistic, successProbability: 0.5, attemptDuration: 2ms, fidelity: 0.97 }
        sessions:
          - { id: s, source: alice, destination: bob, minFidelity: 0.5 }
        """;

    // Two end nodes on one 20 km single-click fiber link.
    public const string Pair = """
        name: pair
        duration: 3h
        nodes:
          - { id: alice, kind: end, memory: { slots: 2, t1: 100s, t2: 10s } }
          - { id: bob, kind: end, memory: { slots: 2, t1: 100s, t2: 10s } }
        links:
          - { id: fiber, between: [alice, bob], length: 20km, attenuation: 0.2dB/km, heralding: single-click,
              brightStatePopulation: 0.01, detector: { efficiency: 0.9, darkCountRate: 10Hz, misalignment: 0.01 } }
        sessions:
          - { id: s, source: alice, destination: bob, minFidelity: 0.5, cutoff: 50ms }
        """;

    public static Scenario Load(string yaml = Diamond)
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(yaml, "test.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Scenario!;
    }
}
