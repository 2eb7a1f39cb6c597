using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Scenarios;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("50km", Dimension.Length, 50_000)]
    [InlineData("120 m", Dimension.Length, 120)]
    [InlineData("0.2dB/km", Dimension.Attenuation, 0.2)]
    [InlineData("0.0002dB/m", Dimension.Attenuation, 0.2)]
    [InlineData("10ps", Dimension.Duration, 1e-11)]
    [InlineData("25ns", Dimension.Duration, 2.5e-8)]
    [InlineData("100us", Dimension.Duration, 1e-4)]
    [InlineData("100\u00B5s", Dimension.Duration, 1e-4)]
    [InlineData("100\u03BCs", Dimension.Duration, 1e-4)]
    [InlineData("10ms", Dimension.Duration, 0.01)]
    [InlineData("1.5s", Dimension.Duration, 1.5)]
    [InlineData("2min", Dimension.Duration, 120)]
    [InlineData("1h", Dimension.Duration, 3600)]
    [InlineData("1.7e-6s", Dimension.Duration, 1.7e-6)]
    [InlineData("20Hz", Dimension.Frequency, 20)]
    [InlineData("3kHz", Dimension.Frequency, 3000)]
    [InlineData("2MHz", Dimension.Frequency, 2e6)]
    [InlineData("1.25GHz", Dimension.Frequency, 1.25e9)]
    [InlineData("20dB", Dimension.Loss, 20)]
    [InlineData("200000km/s", Dimension.Speed, 2e8)]
    [InlineData("2e8m/s", Dimension.Speed, 2e8)]
    [InlineData("-5km", Dimension.Length, -5000)]
    public void TryParse_KnownUnit_ConvertsToInternalUnit(string text, Dimension dimension, double expected)
    {
        Assert.True(Quantity.TryParse(text, dimension, out Quantity quantity, out string error), error);
        // Relative 1e-12: the conversion is one multiplication by a power of ten.
        Assert.Equal(expected, quantity.Value, Math.Abs(expected) * 1e-12);
        Assert.Equal(dimension, quantity.Dimension);
    }

    [Fact]
    public void TryParse_NoUnit_ReportsMissingUnitWithAllowedUnits()
    {
        Assert.False(Quantity.TryParse("50", Dimension.Length, out _, out string error));
        Assert.Equal("missing unit: '50' needs a length unit (m, km), e.g. 50km", error);
    }

    [Fact]
    public void TryParse_UnknownUnit_SuggestsClosestUnitOfTheDimension()
    {
        Assert.False(Quantity.TryParse("50kms", Dimension.Length, out _, out string error));
        Assert.Equal("unknown unit 'kms' in '50kms'; a length takes m, km (did you mean 'km'?)", error);
    }

    [Fact]
    public void TryParse_UnitOfOtherDimension_ReportsWrongUnit()
    {
        Assert.False(Quantity.TryParse("10ms", Dimension.Length, out _, out string error));
        Assert.Equal("wrong unit: '10ms' is a duration, but this field takes a length (m, km)", error);
    }

    [Fact]
    public void TryParse_UnitsAreCaseSensitive_MillihertzIsNotMegahertz()
    {
        Assert.False(Quantity.TryParse("2mhz", Dimension.Frequency, out _, out string error));
        Assert.Contains("did you mean 'MHz'?", error);
    }

    [Theory]
    [InlineData("km")]
    [InlineData("fifty km")]
    [InlineData("NaNkm")]
    public void TryParse_NoLeadingNumber_ReportsUnreadableNumber(string text)
    {
        Assert.False(Quantity.TryParse(text, Dimension.Length, out _, out string error));
        Assert.StartsWith($"cannot read '{text}' as a length", error);
    }

    [Theory]
    [InlineData("1.7e-6", 1.7e-6)]
    [InlineData("0", 0)]
    [InlineData("-0.5", -0.5)]
    [InlineData(".5", 0.5)]
    [InlineData("1E3", 1000)]
    public void TryParseNumber_PlainNumber_Parses(string text, double expected)
    {
        Assert.True(Quantity.TryParseNumber(text, out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,000")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    [InlineData("0.5dB")]
    public void TryParseNumber_NotAPlainFiniteNumber_Fails(string text) =>
        Assert.False(Quantity.TryParseNumber(text, out _));

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithReason()
    {
        var e = Assert.Throws<FormatException>(() => Quantity.Parse("3", Dimension.Duration));
        Assert.StartsWith("missing unit", e.Message);
    }
}
