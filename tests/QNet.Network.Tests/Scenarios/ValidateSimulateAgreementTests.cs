using QNet.Kernel;
using QNet.Network.Links;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Network.Tests.Scenarios;

/// <summary>
/// Whatever the loader accepts (what <c>qnet validate</c> reports as valid), a simulation can build
/// and run: every shipped scenario and a corpus of hostile ones go through both, and a file the
/// simulator would refuse must already be refused by the loader, with a line and a field.
/// </summary>
public sealed class ValidateSimulateAgreementTests
{
    private const string Ends = "name: t\nnodes:\n  - { id: alice, kind: end, memory: { slots: 4 } }\n  - { id: bob, kind: end, memory: { slots: 4 } }\nlinks:\n";

    /// <summary>A file with alice, bob and one link (on line 6) whose body follows its ends.</summary>
    private static string OneLink(string body, string sessions = "") =>
        Ends + "  - { id: l, between: [alice, bob], " + body + " }\n" + sessions;

    private const string Probabilistic = "heralding: probabilistic, successProbability: 0.1, attemptDuration: 1us, fidelity: 0.9";

    private const string Session = "sessions:\n  - { id: s, source: alice, destination: bob";

    /// <summary>Hostile values: extremes, values that round to zero, and combinations no single range check sees.</summary>
    public static TheoryData<string, string> Hostile() => new()
    {
        { "length 0 without a source rate", OneLink("heralding: double-click, length: 0km") },
        { "length 0 with a source rate", OneLink("heralding: double-click, length: 0km, source: { repetitionRate: 1MHz }") },
        { "length below 1 ps of light", OneLink("heralding: single-click, brightStatePopulation: 0.1, length: 1e-9km") },
        { "length beyond the clock", OneLink("heralding: direct, length: 1e20km") },
        { "attenuation 1e6 dB/km", OneLink("heralding: double-click, length: 50km, attenuation: 1e6dB/km") },
        { "attenuation that underflows", OneLink("heralding: midpoint-source, length: 20000km") },
        { "free-space loss 1e6 dB", OneLink("heralding: direct, medium: free-space, length: 500km, loss: 1e6dB") },
        { "detector efficiency 0", OneLink("heralding: double-click, length: 10km, detector: { efficiency: 0 }") },
        { "detector efficiency 0 with dark counts", OneLink("heralding: double-click, length: 10km, detector: { efficiency: 0, darkCountProbability: 1e-3 }") },
        { "source efficiency 0", OneLink("heralding: single-click, brightStatePopulation: 0.1, length: 10km, source: { efficiency: 0 }") },
        { "source rate of one pulse a century", OneLink("heralding: direct, length: 10km, source: { repetitionRate: 1e-10Hz }") },
        { "light crawling", OneLink("heralding: direct, length: 10km, lightSpeed: 1e-30m/s") },
        { "detection window 0.001ps", OneLink("heralding: direct, length: 10km, detector: { detectionWindow: 0.001ps }") },
        { "attempt duration 0.001ps", OneLink("heralding: probabilistic, successProbability: 0.5, attemptDuration: 0.001ps, fidelity: 0.9") },
        { "attempt duration 0.4ps", OneLink("heralding: probabilistic, successProbability: 0.5, attemptDuration: 0.4ps, fidelity: 0.9") },
        { "attempt duration 100 days", OneLink("heralding: probabilistic, successProbability: 0.5, attemptDuration: 2400h, fidelity: 0.9") },
        { "probabilistic length beyond the clock", OneLink(Probabilistic + ", length: 1e20km") },
        { "tiny success probability", OneLink("heralding: probabilistic, successProbability: 1e-300, attemptDuration: 1us, fidelity: 0.9") },
        { "bright state 1e-300", OneLink("heralding: single-click, brightStatePopulation: 1e-300, length: 10km") },
        {
            "fewer slots than links",
            "name: t\nnodes:\n  - { id: a, kind: end }\n  - { id: b, kind: end }\n  - { id: c, kind: end }\nlinks:\n"
            + "  - { id: l1, between: [a, b], heralding: direct, length: 1km }\n  - { id: l2, between: [b, c], heralding: direct, length: 1km }\n"
        },
        {
            "fewer slots than links, with a session",
            "name: t\nnodes:\n  - { id: a, kind: end }\n  - { id: b, kind: repeater }\n  - { id: c, kind: end }\nlinks:\n"
            + "  - { id: l1, between: [a, b], heralding: direct, length: 1km }\n  - { id: l2, between: [b, c], heralding: direct, length: 1km }\n"
            + "sessions:\n  - { id: s, source: a, destination: c }\n"
        },
        { "memory t1 of a femtosecond", Ends.Replace("slots: 4 }", "slots: 4, t1: 1e-15s }", StringComparison.Ordinal) + "  - { id: l, between: [alice, bob], " + Probabilistic + " }\n" },
        { "session rate 1e-20 Hz", OneLink(Probabilistic, Session + ", rate: 1e-20Hz }\n") },
        { "session rate 1 THz", OneLink(Probabilistic, Session + ", rate: 1e12Hz }\n") },
        { "session pairs 1e18", OneLink(Probabilistic, Session + ", pairs: 1e18 }\n") },
        { "session start at the end of the clock", OneLink(Probabilistic, Session + ", start: 2400h }\n") },
        { "session duration 0.001ps", OneLink(Probabilistic, Session + ", duration: 0.001ps }\n") },
        { "session cutoff 0.001ps", OneLink(Probabilistic, Session + ", cutoff: 0.001ps }\n") },
        { "session cutoff 1ps", OneLink(Probabilistic, Session + ", cutoff: 1ps }\n") },
        { "session of a single memory slot", OneLink(Probabilistic, Session + ", memorySlots: 1 }\n") },
        { "purification of many rounds", OneLink(Probabilistic, Session + ", purification: { scheme: dejmps, rounds: 30 } }\n") },
        { "minimum fidelity 1", OneLink(Probabilistic, Session + ", minFidelity: 1 }\n") },
        { "duration of one picosecond", OneLink(Probabilistic).Replace("name: t\n", "name: t\nduration: 1ps\n", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Parse_HostileScenario_AcceptedOnlyIfTheSimulatorRunsIt(string what, string yaml)
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(yaml, "hostile.yaml", ScenarioUse.Simulation);

        if (result.Scenario is { } scenario)
        {
            AssertSimulates(scenario, what);
        }
        else
        {
            AssertLocatedAndPlain(result.Errors, what);
        }
    }

    [Theory]
    [MemberData(nameof(ShippedScenarioTests.ShippedFiles), MemberType = typeof(ShippedScenarioTests))]
    public void LoadFile_ShippedScenario_SimulatesWithoutRefusal(string fileName)
    {
        Scenario scenario = ScenarioLoader.LoadFile(Path.Combine(ShippedScenarioTests.ScenariosFolder(), fileName), ScenarioUse.Simulation).Scenario!;

        AssertSimulates(scenario, fileName);
    }

    [Theory]
    [InlineData("heralding: double-click, length: 0km", "links[0].length", "less than 1 ps")]
    [InlineData("heralding: probabilistic, successProbability: 0.1, attemptDuration: 0.001ps, fidelity: 0.9", "links[0].attemptDuration", "at least 1ps")]
    [InlineData("heralding: double-click, length: 50km, attenuation: 1e6dB/km", "links[0].attenuation", "no light gets through")]
    [InlineData("heralding: direct, length: 10km, detector: { efficiency: 0 }", "links[0].detector", "could never herald")]
    [InlineData("heralding: direct, length: 1e20km", "links[0].length", "more than 100 days")]
    public void Parse_ValueTheSimulatorRefuses_IsAnErrorAtItsField(string body, string field, string messagePart)
    {
        ScenarioError error = Assert.Single(ScenarioLoader.Parse(OneLink(body), "bad.yaml").Errors);

        Assert.Equal((6, field), (error.Line, error.Field));
        Assert.Contains(messagePart, error.Message);
    }

    [Fact]
    public void Parse_NodeWithFewerSlotsThanLinksAndNoSessions_IsAnErrorAtTheNode()
    {
        string yaml = "name: t\nnodes:\n  - { id: a, kind: end }\n  - { id: b, kind: end, memory: { slots: 1 } }\n  - { id: c, kind: end }\nlinks:\n"
            + "  - { id: l1, between: [a, b], heralding: direct, length: 1km }\n  - { id: l2, between: [b, c], heralding: direct, length: 1km }\n";

        ScenarioError error = Assert.Single(ScenarioLoader.Parse(yaml, "bad.yaml", ScenarioUse.Simulation).Errors);

        Assert.Equal((4, "nodes[1].memory.slots"), (error.Line, error.Field));
        Assert.Contains("has 1 memory slot(s) but 2 links", error.Message);
    }

    [Fact]
    public void Parse_NodeWithFewerSlotsThanLinksForTheTwin_Accepted()
    {
        // The twin of qnet up runs links for sessions only, so a sessionless network with shared slots is fine there.
        string yaml = "name: t\nnodes:\n  - { id: a, kind: end }\n  - { id: b, kind: end }\n  - { id: c, kind: end }\nlinks:\n"
            + "  - { id: l1, between: [a, b], heralding: direct, length: 1km }\n  - { id: l2, between: [b, c], heralding: direct, length: 1km }\n";

        Assert.True(ScenarioLoader.Parse(yaml, "twin.yaml", ScenarioUse.Network).IsValid);
    }

    /// <summary>
    /// Runs the scenario as <c>qnet simulate</c> does, long enough to start every session (at most
    /// 100 ms past the last start), and fails with the simulator's refusal if it throws.
    /// </summary>
    private static void AssertSimulates(Scenario scenario, string what)
    {
        double lastStart = scenario.Sessions.Count == 0 ? 0 : scenario.Sessions.Max(s => s.StartSeconds);
        double seconds = Math.Min(scenario.DurationSeconds, lastStart + 0.1);
        foreach (LinkEngine engine in (LinkEngine[])[LinkEngine.AttemptSkipping, LinkEngine.PerAttempt])
        {
            Exception? refused = Record.Exception(() => NetworkRun.Run(scenario, scenario.Seed, SimTime.FromSeconds(seconds), engine));
            Assert.True(refused is null, $"{what}: the loader accepted it but the simulator ({engine}) threw: {refused}");
        }
    }

    private static void AssertLocatedAndPlain(IReadOnlyList<ScenarioError> errors, string what)
    {
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.True(e.Line >= 1 && e.Column >= 1 && e.Field.Length > 0, $"{what}: {e} has no position or field");
            Assert.DoesNotContain("(Parameter '", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Actual value was", e.Message, StringComparison.Ordinal);
        });
    }
}
