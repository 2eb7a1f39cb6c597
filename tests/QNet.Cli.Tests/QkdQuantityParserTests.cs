using QNet.Cli.Commands.Qkd;

namespace QNet.Cli.Tests;

public class QkdQuantityParserTests
{
    [Fact]
    public void LengthRangeMetres_InclusiveRange_AllSteps()
    {
        Assert.Equal([0, 10_000, 20_000], QkdQuantityParser.LengthRangeMetres("0km..20km:10km", "--distance"));
        Assert.Equal(21, QkdQuantityParser.LengthRangeMetres("0km..200km:10km", "--distance").Count);
        Assert.Equal([50_000], QkdQuantityParser.LengthRangeMetres("50km", "--distance"));
        Assert.Equal([500, 1000], QkdQuantityParser.LengthRangeMetres("500m..1km:500m", "--distance"));
    }

    [Theory]
    [InlineData("2MHz", 2e6)]
    [InlineData("500kHz", 5e5)]
    [InlineData("1.5GHz", 1.5e9)]
    [InlineData("20Hz", 20)]
    public void FrequencyHz_Units(string text, double hz) => Assert.Equal(hz, QkdQuantityParser.FrequencyHz(text, "--pulse-rate"), 6);

    [Fact]
    public void OtherUnits_Parse()
    {
        Assert.Equal(0.21, QkdQuantityParser.DbPerKm("0.21dB/km", "--attenuation"));
        Assert.Equal(1e-9, QkdQuantityParser.Seconds("1ns", "--detection-window"), 1e-21);
        Assert.Equal(1.7e-6, QkdQuantityParser.Number("1.7e-6", "--x"));
    }

    [Fact]
    public void LengthMetres_MissingUnit_ErrorNamesOption()
    {
        var e = Assert.Throws<FormatException>(() => QkdQuantityParser.LengthMetres("50", "--distance"));
        Assert.Contains("--distance", e.Message);
    }
}
