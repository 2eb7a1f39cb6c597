using QNet.Network.Links;
using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Scenarios;

/// <summary>The link keys channels, sharing and fidelityAt and the session key pipelining: read, defaulted and refused with file, line and field.</summary>
public class ScenarioLoaderCapacityTests
{
    private const string Probabilistic = "heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.9";

    private static LinkSpec OnlyLink(string linkBody)
    {
        ScenarioLoadResult result = ScenarioLoader.Parse(ErrorAssert.Nodes + "\n  - { id: l, between: [alice, bob], " + linkBody + " }\n", "ok.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return Assert.Single(result.Scenario!.Links);
    }

    [Fact]
    public void Link_NoCapacityKeys_DefaultsArePerMemoryRoundRobinEmission()
    {
        LinkSpec link = OnlyLink(Probabilistic);
        Assert.Null(link.Channels);
        Assert.Equal(ChannelSharing.RoundRobin, link.Sharing);
        Assert.Equal(FidelityPoint.Emission, link.FidelityAt);
    }

    [Theory]
    [InlineData("channels: 3, sharing: proportional", 3, ChannelSharing.Proportional)]
    [InlineData("channels: 1, sharing: priority", 1, ChannelSharing.Priority)]
    [InlineData("channels: 8", 8, ChannelSharing.RoundRobin)]
    public void Link_Channels_ReadWithSharing(string keys, int channels, ChannelSharing sharing)
    {
        LinkSpec link = OnlyLink(Probabilistic + ", " + keys);
        Assert.Equal(channels, link.Channels);
        Assert.Equal(sharing, link.Sharing);
    }

    [Fact]
    public void Link_ChannelsPerMemoryAndFidelityAtHerald_Read()
    {
        LinkSpec link = OnlyLink(Probabilistic + ", channels: per-memory, fidelityAt: herald");
        Assert.Null(link.Channels);
        Assert.Equal(FidelityPoint.Herald, link.FidelityAt);
    }

    [Theory]
    [InlineData("channels: 0", "links[0].channels", "must be between 1 and 1000000")]
    [InlineData("channels: 2.5", "links[0].channels", "must be a whole number")]
    [InlineData("channels: many", "links[0].channels", "must be a whole number of channels or 'per-memory'")]
    [InlineData("sharing: round-robin", "links[0].sharing", "applies only to a link with a number of channels")]
    [InlineData("channels: per-memory, sharing: priority", "links[0].sharing", "applies only to a link with a number of channels")]
    [InlineData("channels: 2, sharing: fair", "links[0].sharing", "allowed: round-robin, priority, proportional")]
    [InlineData("fidelityAt: arrival", "links[0].fidelityAt", "allowed: emission, herald")]
    public void Link_BadCapacityKey_ErrorNamesLineAndField(string keys, string field, string message)
    {
        ErrorAssert.AssertError(ErrorAssert.LinkError(Probabilistic + ", " + keys), 6, field, message);
    }

    [Fact]
    public void Session_PipeliningNotBoolean_ErrorNamesLineAndField()
    {
        string yaml = ErrorAssert.Nodes + "\n  - { id: l, between: [alice, bob], " + Probabilistic + " }\nsessions:\n  - { id: s, source: alice, destination: bob, pipelining: no }\n";
        ErrorAssert.AssertError(ErrorAssert.OnlyError(yaml), 8, "sessions[0].pipelining", "must be true or false (got 'no')");
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(", pipelining: false", false)]
    [InlineData(", pipelining: true", true)]
    public void Session_Pipelining_ReadWithDefaultTrue(string key, bool expected)
    {
        string yaml = ErrorAssert.Nodes + "\n  - { id: l, between: [alice, bob], " + Probabilistic + " }\nsessions:\n  - { id: s, source: alice, destination: bob" + key + " }\n";
        ScenarioLoadResult result = ScenarioLoader.Parse(yaml, "ok.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(expected, result.Scenario!.Sessions[0].Pipelining);
    }
}
