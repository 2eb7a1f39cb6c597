using QNet.Network.Scenarios;
using QNet.Physics.Hardware;
using QNet.Qkd;

namespace QNet.Network.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    private const string Minimal = """
        name: minimal
        nodes:
          - { id: a, kind: end }
          - { id: b, kind: end }
        links:
          - { id: a-b, between: [a, b], length: 10km, heralding: direct }
        """;

    internal static Scenario Load(string yaml)
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(yaml, "test.yaml");
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Scenario!;
    }

    [Fact]
    public void Parse_MinimalFile_AppliesEveryDefault()
    {
        Scenario scenario = Load(Minimal);

        Assert.Equal("minimal", scenario.Name);
        Assert.Equal(Scenario.DefaultSeed, scenario.Seed);
        Assert.Equal(10.0, scenario.DurationSeconds);
        Assert.Empty(scenario.Sessions);
        NodeSpec a = scenario.Nodes[0];
        Assert.Equal(NodeKind.End, a.Kind);
        Assert.Equal(QuantumMemory.Ideal, a.Memory);
        Assert.Null(a.Swap);
        LinkSpec link = scenario.Links[0];
        Assert.Equal(LinkMedium.Fiber, link.Medium);
        Assert.Equal(10_000.0, link.LengthMetres);
        Assert.Equal(0.2, link.AttenuationDbPerKm);
        Assert.Equal(2e8, link.LightSpeedMetresPerSecond);
        Assert.Equal(new Detector(), link.Detector);
        Assert.Equal(PhotonSource.Ideal, link.Source);
        Assert.Null(link.Probabilistic);
        Assert.Null(link.Qkd);
    }

    [Fact]
    public void Parse_IssueTwoShape_ReadsEveryValueInSiUnits()
    {
        Scenario scenario = Load("""
            name: two-node-50km
            seed: 7
            duration: 60s                  # simulated time
            nodes:
              - { id: alice, kind: end, memory: { slots: 1, t1: 10s, t2: 1s } }
              - { id: bob,   kind: end, memory: { slots: 1, t1: 10s, t2: 1s } }
            links:
              - id: alice-bob
                between: [alice, bob]
                length: 50km
                attenuation: 0.2dB/km
                heralding: single-click
                brightStatePopulation: 0.1
                detector: { efficiency: 1, darkCountRate: 0Hz }
            """);

        Assert.Equal(7UL, scenario.Seed);
        Assert.Equal(60.0, scenario.DurationSeconds);
        Assert.Equal(new QuantumMemory(1, 10, 1), scenario.FindNode("bob")!.Memory);
        LinkSpec link = scenario.FindLink("alice-bob")!;
        Assert.Equal(("alice", "bob"), (link.NodeA, link.NodeB));
        Assert.Equal(HeraldingScheme.SingleClick, link.Heralding);
        Assert.Equal(0.1, link.BrightStatePopulation);
        Assert.Equal(new FiberChannel(50_000, 0.2), link.ToFiberChannel());
        // 50 km at 0.2 dB/km is 10 dB: transmittance exactly 0.1 up to rounding.
        Assert.Equal(0.1, link.ChannelTransmittance, 1e-15);
        Assert.Equal(2.5e-4, link.OneWayDelaySeconds, 1e-18);
    }

    [Fact]
    public void Parse_IssueThreeShape_ReadsRepeaterSwapAndSession()
    {
        Scenario scenario = Load("""
            name: chain
            nodes:
              - { id: alice, kind: end }
              - { id: r1, kind: repeater, memory: { slots: 2, t2: 1s },
                  swap: { protocol: asap, successProbability: 0.5, gateDepolarizing: 0.01, readoutError: 0.01 } }
              - { id: bob, kind: end }
            links:
              - { id: a-r1, between: [alice, r1], heralding: probabilistic,
                  successProbability: 0.1, attemptDuration: 1ms, fidelity: 0.99 }
              - { id: r1-b, between: [r1, bob], heralding: probabilistic,
                  successProbability: 0.1, attemptDuration: 1ms, fidelity: 0.99 }
            sessions:
              - { id: s1, source: alice, destination: bob, minFidelity: 0.8, application: raw,
                  purification: { scheme: dejmps, rounds: 2 }, cutoff: 50ms }
            """);

        NodeSpec r1 = scenario.FindNode("r1")!;
        Assert.Equal(NodeKind.Repeater, r1.Kind);
        Assert.Equal(new QuantumMemory(2, double.PositiveInfinity, 1), r1.Memory);
        Assert.Equal(new SwapSpec(SwapProtocol.Asap, new BellStateMeasurement(0.5, 0.01, 0.01)), r1.Swap);
        LinkSpec link = scenario.FindLink("a-r1")!;
        Assert.Equal(new ProbabilisticLinkSpec(0.1, 1e-3, 0.99), link.Probabilistic);
        Assert.Null(link.LengthMetres);
        Assert.Null(link.Detector);
        Assert.Equal(0.0, link.OneWayDelaySeconds);
        Assert.Equal(1.0, link.ChannelTransmittance);
        SessionSpec session = scenario.Sessions.Single();
        Assert.Equal(("s1", "alice", "bob"), (session.Id, session.Source, session.Destination));
        Assert.Equal(0.8, session.MinFidelity);
        Assert.Equal(SessionApplication.Raw, session.Application);
        Assert.Equal(new PurificationSpec(PurificationScheme.Dejmps, 2), session.Purification);
        Assert.Equal(0.05, session.CutoffSeconds);
        Assert.Equal(["a-r1", "r1-b"], scenario.LinksOf("r1").Select(l => l.Id));
    }

    [Fact]
    public void Parse_IssueFourShape_ReadsQkdBlockAndDarkCountProbability()
    {
        Scenario scenario = Load("""
            name: qkd
            nodes: [ { id: alice, kind: end }, { id: bob, kind: end } ]
            links:
              - id: alice-bob
                between: [alice, bob]
                length: 50km
                attenuation: 0.21dB/km
                heralding: direct
                detector: { efficiency: 0.045, darkCountProbability: 1.7e-6, misalignment: 0.033 }
                qkd: { protocol: bb84-decoy, pulseRate: 2MHz, errorCorrectionEfficiency: 1.22,
                       intensities: { signal: 0.48, decoy: 0.05, vacuum: 0 } }
            """);

        LinkSpec link = scenario.Links[0];
        Detector detector = link.Detector!;
        Assert.Equal(0.045, detector.Efficiency);
        Assert.Equal(1.7e-6, detector.DarkCountProbability);
        Assert.Equal(0.033, detector.Misalignment);
        QkdSpec qkd = link.Qkd!;
        Assert.Equal(QkdProtocol.Bb84Decoy, qkd.Protocol);
        Assert.Equal(2e6, qkd.PulseRateHz);
        Assert.Equal(1.22, qkd.ErrorCorrectionEfficiency);
        Assert.Equal(new DecoyIntensities(0.48, 0.05, 0), qkd.Intensities);
        Assert.Equal(QkdSpec.DefaultIntensityProbabilities, qkd.IntensityProbabilities);
        Assert.Equal(0.5, qkd.ZBasisProbability);
        Assert.Equal(QkdSpec.DefaultBlockSizeBits, qkd.BlockSizeBits);
        Assert.Equal(QkdSpec.DefaultSecurityParameter, qkd.SecurityParameter);
        Assert.Equal(QNet.Qkd.PostProcessing.Versions.PostProcessingVersions.Current, qkd.PostProcessingVersion);
    }

    [Fact]
    public void Parse_PostProcessingVersion_ReadIntoQkdSpec()
    {
        Scenario scenario = Load(Minimal.Replace("heralding: direct", "heralding: direct, qkd: { protocol: bb84-decoy, pulseRate: 1MHz, intensities: { signal: 0.5, decoy: 0.1 }, postProcessingVersion: 4 }"));

        Assert.Equal(4, scenario.Links[0].Qkd!.PostProcessingVersion);
    }

    [Fact]
    public void Parse_DarkCountRateWithWindow_GivesProbabilityPerWindow()
    {
        Scenario scenario = Load(Minimal.Replace("heralding: direct", "heralding: direct, detector: { darkCountRate: 1kHz, detectionWindow: 10ns }"));

        Detector detector = scenario.Links[0].Detector!;
        Assert.Equal(1000.0, detector.DarkCountRateHz);
        Assert.Equal(1e-8, detector.DetectionWindowSeconds, 1e-22);
        // 1 − e^{−rate·window} = 1 − e^{−1e-5}, the formula Detector uses.
        Assert.Equal(-double.ExpM1(-1e-5), detector.DarkCountProbability);
    }

    [Fact]
    public void Parse_FreeSpaceLink_ReadsLossAndUsesFreeSpaceChannel()
    {
        Scenario scenario = Load(Minimal.Replace("length: 10km, heralding: direct", "medium: free-space, length: 1000km, loss: 30dB, heralding: direct"));

        LinkSpec link = scenario.Links[0];
        Assert.Equal(LinkMedium.FreeSpace, link.Medium);
        Assert.Equal(new FreeSpaceChannel(1e6, 30), link.ToFreeSpaceChannel());
        Assert.Equal(1e-3, link.ChannelTransmittance, 1e-15);
        Assert.Throws<InvalidOperationException>(() => link.ToFiberChannel());
    }

    [Fact]
    public void Parse_SessionWithEveryField_ReadsThem()
    {
        Scenario scenario = Load("""
            name: sessions
            nodes: [ { id: a, kind: end }, { id: b, kind: end }, { id: c, kind: end } ]
            sessions:
              - id: g
                source: a
                destination: b
                application: ghz
                parties: [c]
                rate: 20Hz
                start: 500ms
                duration: 2s
                priority: -3
                purification: { scheme: bbpssw, rounds: 3, mode: pumping, scope: link, targetFidelity: 0.95 }
              - { id: k, source: a, destination: c, application: qkd, pairs: 1e4,
                  qkd: { protocol: bbm92, blockSize: 100000, securityParameter: 1e-9 } }
            """);

        SessionSpec ghz = scenario.FindSession("g")!;
        Assert.Equal(["c"], ghz.Parties);
        Assert.Equal(20.0, ghz.RateHz);
        Assert.Null(ghz.Pairs);
        Assert.Equal(0.5, ghz.StartSeconds);
        Assert.Equal(2.0, ghz.DurationSeconds);
        Assert.Equal(-3, ghz.Priority);
        Assert.Equal(new PurificationSpec(PurificationScheme.Bbpssw, 3, PurificationMode.Pumping, PurificationScope.Link, 0.95), ghz.Purification);
        SessionSpec key = scenario.FindSession("k")!;
        Assert.Equal(10_000L, key.Pairs);
        Assert.Equal(new QkdSpec(QkdProtocol.Bbm92) { BlockSizeBits = 100_000, SecurityParameter = 1e-9 }, key.Qkd);
    }

    [Fact]
    public void Parse_RepeaterWithoutSwapOrMemory_GetsTwoIdealSlotsAndIdealAsapSwap()
    {
        Scenario scenario = Load(Minimal.Replace("{ id: b, kind: end }", "{ id: b, kind: repeater }"));

        NodeSpec b = scenario.FindNode("b")!;
        Assert.Equal(2, b.Memory.Slots);
        Assert.Equal(SwapSpec.Default, b.Swap);
    }

    [Fact]
    public void Parse_InfiniteT1_IsAccepted()
    {
        Scenario scenario = Load(Minimal.Replace("{ id: a, kind: end }", "{ id: a, kind: end, memory: { t1: inf, t2: 5s } }"));

        Assert.Equal(new QuantumMemory(1, double.PositiveInfinity, 5), scenario.Nodes[0].Memory);
    }

    [Fact]
    public void Parse_JsonText_ParsesLikeYaml()
    {
        Scenario scenario = Load("""
            { "name": "json", "seed": 18446744073709551615, "duration": "1.5s",
              "nodes": [ { "id": "a", "kind": "end" }, { "id": "b", "kind": "end" } ],
              "links": [ { "id": "a-b", "between": ["a", "b"], "length": "5km", "heralding": "direct" } ] }
            """);

        Assert.Equal(ulong.MaxValue, scenario.Seed);
        Assert.Equal(1.5, scenario.DurationSeconds);
        Assert.Equal(5000.0, scenario.Links[0].LengthMetres);
    }

    [Fact]
    public void Parse_AnchorsAndMergeKeys_ShareRepeatedSettings()
    {
        Scenario scenario = Load("""
            name: merged
            nodes:
              - &repeater { id: r1, kind: repeater, memory: { slots: 4, t2: 2s }, swap: { protocol: nested } }
              - { <<: *repeater, id: r2 }
            links:
              - &link { id: l1, between: [r1, r2], heralding: probabilistic, successProbability: 0.2, attemptDuration: 1ms, fidelity: 0.9 }
              - { <<: *link, id: l2, fidelity: 0.8 }
            """);

        Assert.Equal("r2", scenario.Nodes[1].Id);
        Assert.Equal(new QuantumMemory(4, double.PositiveInfinity, 2), scenario.Nodes[1].Memory);
        Assert.Equal(SwapProtocol.Nested, scenario.Nodes[1].Swap!.Protocol);
        Assert.Equal(new ProbabilisticLinkSpec(0.2, 1e-3, 0.8), scenario.Links[1].Probabilistic);
    }

    [Fact]
    public void Parse_T1WithoutT2_SetsT2ToTwiceT1()
    {
        Scenario scenario = Load(Minimal.Replace("{ id: a, kind: end }", "{ id: a, kind: end, memory: { t1: 3s } }"));

        Assert.Equal(new QuantumMemory(1, 3, 6), scenario.Nodes[0].Memory);
    }
}
