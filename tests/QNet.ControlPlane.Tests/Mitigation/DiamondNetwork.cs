using QNet.ControlPlane.Events;
using QNet.ControlPlane.Mitigation;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Network.Mitigation;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Tests.Mitigation;

/// <summary>
/// The mitigation tests' network: a and b joined through repeater r1 (two 8 km links, the cheap path) and through r2
/// (two 25 km links), so a session a→b runs through r1 and has one link-disjoint alternative. A seeded twin on it with
/// the mitigation engine under a given policy; events the twin stores are kept in <see cref="Stored"/>.
/// </summary>
internal sealed class DiamondNetwork
{
    private const string Yaml = """
        name: diamond
        seed: 14
        nodes:
          - { id: a, kind: end, memory: { slots: 4, t1: 100s, t2: 10s } }
          - { id: b, kind: end, memory: { slots: 4, t1: 100s, t2: 10s } }
          - { id: r1, kind: repeater, memory: { slots: 8, t1: 100s, t2: 10s },
              swap: { protocol: asap, successProbability: 0.5, gateDepolarizing: 0.001, readoutError: 0.001 } }
          - { id: r2, kind: repeater, memory: { slots: 8, t1: 100s, t2: 10s },
              swap: { protocol: asap, successProbability: 0.5, gateDepolarizing: 0.001, readoutError: 0.001 } }
        links:
          - { id: a-r1, between: [a, r1], length: 8km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01,
              detector: { efficiency: 0.9, darkCountRate: 10Hz } }
          - { id: r1-b, between: [r1, b], length: 8km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01,
              detector: { efficiency: 0.9, darkCountRate: 10Hz } }
          - { id: a-r2, between: [a, r2], length: 25km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01,
              detector: { efficiency: 0.9, darkCountRate: 10Hz } }
          - { id: r2-b, between: [r2, b], length: 25km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01,
              detector: { efficiency: 0.9, darkCountRate: 10Hz } }
        """;

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public DiamondNetwork(MitigationPolicy policy, Func<int>? queueDepth = null)
    {
        var scenario = ScenarioLoader.Parse(Yaml, "diamond.yaml").Scenario!;
        Metrics = new TwinMetrics();
        Twin = new ControlPlane.Twin.Twin(scenario, Metrics, new EventHub(TimeProvider.System), new TwinClock(Start), 1,
            _ => Task.FromResult(true), Stored.Add);
        Engine = Twin.EnableMitigation(policy, new EventHub(TimeProvider.System), queueDepth);
    }

    public ControlPlane.Twin.Twin Twin { get; }

    public TwinMetrics Metrics { get; }

    public MitigationEngine Engine { get; }

    public List<TwinEvent> Stored { get; } = [];

    /// <summary>Only <paramref name="rules"/>, evaluated every 5 simulated s, windows of 200 samples.</summary>
    public static MitigationPolicy Only(params MitigationRule[] rules) => new(true, 5, 200, 1, 5, rules);

    /// <summary>The default policy's rule for an action and signal.</summary>
    public static MitigationRule Default(MitigationAction action, MitigationSignal signal) =>
        MitigationPolicy.Default.Rules.Single(r => r.Action == action && r.Signal == signal);

    /// <summary>Submits session a→b (target fidelity <paramref name="minFidelity"/>, 50 ms cutoff).</summary>
    public string SubmitAtoB(double minFidelity = 0.8)
    {
        Twin.Submit(new SessionSpec("s-ab", "a", "b") { MinFidelity = minFidelity, CutoffSeconds = 0.05 }, "api", Start);
        return "s-ab";
    }

    public void RunFor(double seconds) => Twin.Advance(new SimTime(Twin.Simulator.Now.Picoseconds + SimTime.FromSeconds(seconds).Picoseconds));

    public IReadOnlyList<string> PathOf(string session) => Twin.Sessions[session].Report!.Path;

    /// <summary>The <c>qnet_mitigation_actions_total</c> tally of an action and reason.</summary>
    public double Actions(string action, string reason) => Metrics.Tallies.All
        .Where(s => s.Metric == "qnet_mitigation_actions_total" && s.Labels["action"] == action && s.Labels["reason"] == reason)
        .Sum(s => s.Value);
}
