using QNet.Network.Scenarios;
using QNet.Qkd;

namespace QNet.Network.Tests.Scenarios;

/// <summary>ScenarioNames is the one enum ↔ name table: every value has one spelling and reads back from it.</summary>
public sealed class ScenarioNamesTests
{
    [Fact]
    public void TryQkdProtocol_SpellingOfEveryProtocol_ReadsBackTheSameProtocol()
    {
        foreach (QkdProtocol protocol in Enum.GetValues<QkdProtocol>())
        {
            Assert.True(ScenarioNames.TryQkdProtocol(ScenarioNames.Of(protocol), out QkdProtocol read));
            Assert.Equal(protocol, read);
        }
        Assert.Equal(["bb84-decoy", "bbm92"], ScenarioNames.QkdProtocolNames);
    }

    [Theory]
    [InlineData("bb84")]
    [InlineData("BBM92")]
    [InlineData("")]
    public void TryQkdProtocol_NotAFileSpelling_IsRefused(string name)
    {
        Assert.False(ScenarioNames.TryQkdProtocol(name, out _));
    }

    [Fact]
    public void TrySwapProtocolAndTryPurificationScheme_EverySpelling_ReadsBackItsValue()
    {
        foreach (SwapProtocol swap in Enum.GetValues<SwapProtocol>())
        {
            Assert.True(ScenarioNames.TrySwapProtocol(ScenarioNames.Of(swap), out SwapProtocol read));
            Assert.Equal(swap, read);
        }
        foreach (PurificationScheme scheme in Enum.GetValues<PurificationScheme>())
        {
            Assert.True(ScenarioNames.TryPurificationScheme(ScenarioNames.Of(scheme), out PurificationScheme read));
            Assert.Equal(scheme, read);
        }
    }

    [Fact]
    public void ApplicationNames_InDeclaredOrder_EveryOneReadsBack()
    {
        Assert.Equal(["raw", "teleport", "ghz", "qkd", "compute"], ScenarioNames.ApplicationNames);
        foreach (string name in ScenarioNames.ApplicationNames)
        {
            Assert.True(ScenarioNames.TryApplication(name, out SessionApplication app));
            Assert.Equal(name, ScenarioNames.Of(app));
        }
    }

    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "raw" }, "raw")]
    [InlineData(new[] { "bb84-decoy", "bbm92" }, "bb84-decoy or bbm92")]
    [InlineData(new[] { "raw", "teleport", "qkd" }, "raw, teleport or qkd")]
    public void Alternatives_Names_ListedWithCommasAndOr(string[] names, string expected)
    {
        Assert.Equal(expected, ScenarioNames.Alternatives(names));
    }
}
