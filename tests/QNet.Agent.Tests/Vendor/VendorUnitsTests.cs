using QNet.Agent.Telemetry.Vendor;

namespace QNet.Agent.Tests.Vendor;

public sealed class VendorUnitsTests
{
    [Theory]
    [InlineData("s", 2.5, 2.5)]
    [InlineData("ms", 12.5, 0.0125)]
    [InlineData("us", 1480, 0.00148)]
    [InlineData("µs", 1480, 0.00148)]
    [InlineData("ns", 50, 5e-8)]
    [InlineData("min", 2, 120)]
    [InlineData("Hz", 25, 25)]
    [InlineData("kHz", 0.025, 25)]
    [InlineData("MHz", 1.5, 1.5e6)]
    [InlineData("cps", 31, 31)]
    [InlineData("cpm", 120, 2)]
    [InlineData("ratio", 0.9, 0.9)]
    [InlineData("percent", 89.5, 0.895)]
    [InlineData("%", 50, 0.5)]
    [InlineData("ppm", 12000, 0.012)]
    [InlineData("count", 7, 7)]
    public void ToBase_LinearUnit_ScalesToBaseUnit(string unit, double value, double expected)
    {
        var u = VendorUnits.Parse(unit) ?? throw new InvalidOperationException(unit);
        Assert.Equal(expected, VendorUnits.ToBase(u, value), 12);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(10, 0.1)]
    [InlineData(20, 0.01)]
    [InlineData(3, 0.50118723362727224)]
    [InlineData(5.1, 0.30902954325135906)]
    public void ToBase_DecibelLoss_IsTransmittanceTenToMinusDbOverTen(double db, double transmittance)
    {
        Assert.Equal(transmittance, VendorUnits.ToBase(VendorUnit.DecibelLoss, db), 12);
    }

    [Theory]
    [InlineData("qnet_memory_coherence_time_seconds", UnitDimension.Time)]
    [InlineData("qnet_detector_dark_count_rate_hertz", UnitDimension.Frequency)]
    [InlineData("qnet_link_transmittance_ratio", UnitDimension.Ratio)]
    [InlineData("qnet_detector_clicks_total", UnitDimension.Count)]
    public void DimensionOf_MetricSuffix_NamesDimension(string metric, UnitDimension dimension)
    {
        Assert.Equal(dimension, VendorUnits.DimensionOf(metric));
    }

    [Theory]
    [InlineData("Ms")]
    [InlineData("KHZ")]
    [InlineData("decibel")]
    [InlineData("")]
    public void Parse_UnknownOrMiscasedName_IsNull(string text)
    {
        Assert.Null(VendorUnits.Parse(text));
    }
}
