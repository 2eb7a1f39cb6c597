using QNet.Cli.Commands.Qkd;
using QNet.Qkd;

namespace QNet.Cli.Tests.Commands.Qkd;

/// <summary>--protocol reads the scenario spellings (ScenarioNames) in any case, plus the bb84 shorthand.</summary>
public sealed class QkdSettingsMapperTests
{
    [Theory]
    [InlineData("bb84-decoy", QkdProtocol.Bb84Decoy)]
    [InlineData(" BB84-Decoy ", QkdProtocol.Bb84Decoy)]
    [InlineData("bb84", QkdProtocol.Bb84Decoy)]
    [InlineData("Bb84", QkdProtocol.Bb84Decoy)]
    [InlineData("bbm92", QkdProtocol.Bbm92)]
    [InlineData("BBM92", QkdProtocol.Bbm92)]
    public void Protocol_FileSpellingOrShorthand_ReadsTheProtocol(string text, QkdProtocol expected)
    {
        Assert.Equal(expected, QkdSettingsMapper.Protocol(text));
    }

    [Fact]
    public void Protocol_Unknown_ErrorNamesTheOptionAndEverySpelling()
    {
        var e = Assert.Throws<FormatException>(() => QkdSettingsMapper.Protocol("bb85"));

        Assert.Equal("--protocol: 'bb85' is not bb84-decoy or bbm92.", e.Message);
    }
}
