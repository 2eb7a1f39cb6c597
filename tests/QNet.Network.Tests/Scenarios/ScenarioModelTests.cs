using QNet.Network.Scenarios;
using QNet.Physics.Hardware;

namespace QNet.Network.Tests.Scenarios;

/// <summary>The records guard their invariants when built in code, naming the field as files spell it.</summary>
public sealed class ScenarioModelTests
{
    private static readonly NodeSpec Alice = new("alice", NodeKind.End, QuantumMemory.Ideal);
    private static readonly NodeSpec Bob = new("bob", NodeKind.End, QuantumMemory.Ideal);

    [Fact]
    public void Scenario_DuplicateNodeIds_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new Scenario("t", 1, 1, [Alice, Alice], [], []));
        Assert.Contains("duplicate node id 'alice'", e.Message);
    }

    [Fact]
    public void Scenario_LinkToUnknownNode_Throws()
    {
        var link = new LinkSpec("l", "alice", "carol", HeraldingScheme.Direct) { LengthMetres = 1 };
        var e = Assert.Throws<ArgumentException>(() => new Scenario("t", 1, 1, [Alice, Bob], [link], []));
        Assert.Contains("unknown node 'carol'", e.Message);
    }

    [Fact]
    public void Scenario_LinksOf_ListsLinksAtTheNodeInOrder()
    {
        var ab = new LinkSpec("ab", "alice", "bob", HeraldingScheme.Direct) { LengthMetres = 1 };
        var ba = new LinkSpec("ba", "bob", "alice", HeraldingScheme.Direct) { LengthMetres = 2 };
        var scenario = new Scenario("t", 1, 1, [Alice, Bob], [ab, ba], []);

        Assert.Equal([ab, ba], scenario.LinksOf("bob"));
        Assert.Empty(scenario.LinksOf("carol"));
        Assert.Same(ba, scenario.FindLink("ba"));
        Assert.Equal("alice", ba.OtherEnd("bob"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101 * 86_400)]
    public void Scenario_DurationOutOfRange_Throws(double seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Scenario("t", 1, seconds, [Alice], [], []));

    [Fact]
    public void NodeSpec_RepeaterWithoutSwap_Throws() =>
        Assert.Throws<ArgumentException>(() => new NodeSpec("r", NodeKind.Repeater, QuantumMemory.Ideal));

    [Fact]
    public void NodeSpec_InvalidId_Throws() =>
        Assert.Throws<ArgumentException>(() => new NodeSpec("a b", NodeKind.End, QuantumMemory.Ideal));

    [Fact]
    public void LinkSpec_SameNodeTwice_Throws() =>
        Assert.Throws<ArgumentException>(() => new LinkSpec("l", "a", "a", HeraldingScheme.Direct));

    [Fact]
    public void LinkSpec_NegativeLength_ThrowsNamingLength()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LinkSpec("l", "a", "b", HeraldingScheme.Direct) { LengthMetres = -1 });
        Assert.Equal("length", e.ParamName);
    }

    [Fact]
    public void LinkSpec_ToFiberChannelWithoutLength_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new LinkSpec("l", "a", "b", HeraldingScheme.Probabilistic).ToFiberChannel());

    [Fact]
    public void LinkSpec_FiberDelay_IsLengthOverLightSpeed()
    {
        var link = new LinkSpec("l", "a", "b", HeraldingScheme.Direct) { LengthMetres = 1000, LightSpeedMetresPerSecond = 1e8 };

        Assert.Equal(1e-5, link.OneWayDelaySeconds);
        Assert.Equal(link.ToFiberChannel().Delay.Seconds, link.OneWayDelaySeconds, 1e-12);
    }

    [Theory]
    [InlineData(0, 0.001, 0.9)]
    [InlineData(0.5, 0, 0.9)]
    [InlineData(0.5, 0.001, 0.2)]
    public void ProbabilisticLinkSpec_OutOfRange_Throws(double p, double tau, double fidelity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticLinkSpec(p, tau, fidelity));

    [Fact]
    public void SessionSpec_SourceEqualsDestination_Throws() =>
        Assert.Throws<ArgumentException>(() => new SessionSpec("s", "a", "a"));

    [Fact]
    public void SessionSpec_MinFidelityAboveOne_ThrowsNamingField()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SessionSpec("s", "a", "b") { MinFidelity = 1.1 });
        Assert.Equal("minFidelity", e.ParamName);
    }

    [Fact]
    public void PurificationSpec_ZeroRounds_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PurificationSpec(PurificationScheme.Dejmps, 0));

    [Fact]
    public void ScenarioNames_RoundTripEveryHeralding()
    {
        foreach (HeraldingScheme scheme in Enum.GetValues<HeraldingScheme>())
        {
            Assert.True(ScenarioNames.Heraldings.TryGet(ScenarioNames.Of(scheme), out HeraldingScheme back));
            Assert.Equal(scheme, back);
        }
    }
}
