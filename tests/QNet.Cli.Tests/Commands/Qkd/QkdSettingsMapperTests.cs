using QNet.Cli.Commands.Qkd;
using QNet.Network.Scenarios;
using QNet.Qkd;
using QNet.Qkd.Bb84;
using QNet.Qkd.Bbm92;

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

    [Fact]
    public void ToSweep_NoFileNoOptions_TakesTheLibraryDefaults()
    {
        QNet.Qkd.Sweep.QkdSweepSettings sweep = QkdSettingsMapper.ToSweep(new QkdSettings());

        Assert.Equal(new DecoyBb84Parameters(), sweep.Bb84);
        Assert.Equal(0.4, sweep.Bb84.SignalProbability);
        Assert.Equal(0.8, sweep.Bb84.ZBasisProbability);
        Assert.Equal(new Bbm92Parameters(), sweep.Bbm92);
        Assert.Equal(QkdLink.ReferenceAttenuationDbPerKm, sweep.Link.Fiber.AttenuationDbPerKm);
        Assert.Equal(QkdLink.ReferenceDetector(), sweep.Link.Detector);
        Assert.Equal((int)QkdSpec.DefaultBlockSizeBits, sweep.SiftedBitsPerBlock);
    }

    [Fact]
    public void ToSweep_FileWithoutOptionalFields_TakesTheScenarioDefaults()
    {
        var result = ScenarioLoader.Parse("""
            name: t
            nodes:
              - { id: alice, kind: end }
              - { id: bob, kind: end }
            links:
              - id: alice-bob
                between: [alice, bob]
                length: 20km
                heralding: direct
                qkd: { protocol: bb84-decoy, pulseRate: 1MHz, intensities: { signal: 0.5, decoy: 0.1 } }
            """, "t.yaml");
        LinkSpec link = Assert.Single(result.Scenario!.Links);

        QNet.Qkd.Sweep.QkdSweepSettings sweep = QkdSettingsMapper.ToSweep(new QkdSettings(), link);

        Assert.Equal(QkdSpec.DefaultIntensityProbabilities.Signal, sweep.Bb84.SignalProbability);
        Assert.Equal(QkdSpec.DefaultIntensityProbabilities.Decoy, sweep.Bb84.DecoyProbability);
        Assert.Equal(QkdSpec.DefaultZBasisProbability, sweep.Bb84.ZBasisProbability);
        Assert.Equal(QkdSpec.DefaultErrorCorrectionEfficiency, sweep.Bb84.ErrorCorrectionEfficiency);
        Assert.NotEqual(DecoyBb84Parameters.DefaultZBasisProbability, sweep.Bb84.ZBasisProbability);
    }
}
