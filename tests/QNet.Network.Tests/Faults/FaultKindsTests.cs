using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Faults;

public class FaultKindsTests
{
    [Fact]
    public void TryParse_EveryWireName_RoundTrips()
    {
        Assert.Equal(Enum.GetValues<FaultKind>().Length, FaultKinds.Names.Count);
        foreach (string name in FaultKinds.Names)
        {
            Assert.True(FaultKinds.TryParse(name, out FaultKind kind));
            Assert.Equal(name, FaultKinds.Name(kind));
        }
        Assert.False(FaultKinds.TryParse("Link-Cut", out _));
        Assert.False(FaultKinds.TryParse(null, out _));
    }

    [Theory]
    [InlineData("attenuation-step", 0, "magnitude")]
    [InlineData("attenuation-step", 101, "magnitude")]
    [InlineData("memory-t2-drop", 1, "magnitude")]
    [InlineData("swap-degradation", -0.1, "magnitude")]
    [InlineData("qkd-config-skew", 2.5, "magnitude")]
    [InlineData("calibration-drift", 0.6, "magnitude")]
    public void Problem_OutOfRangeMagnitude_NamesMagnitude(string kind, double magnitude, string field)
    {
        Assert.True(FaultKinds.TryParse(kind, out FaultKind k));
        var problem = FaultSpec.Problem(k, magnitude, 0, null);
        Assert.NotNull(problem);
        Assert.Equal(field, problem.Value.Field);
        Assert.Contains(kind, problem.Value.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultSpec(k, "x", magnitude));
    }

    [Fact]
    public void Problem_NegativeAtOrZeroDuration_NamesTheField()
    {
        Assert.Equal("at", FaultSpec.Problem(FaultKind.LinkCut, 0, -1, null)!.Value.Field);
        Assert.Equal("duration", FaultSpec.Problem(FaultKind.LinkCut, 0, 0, 0)!.Value.Field);
        Assert.Null(FaultSpec.Problem(FaultKind.MemoryT2Drop, 0.5, 10, 60));
    }

    [Fact]
    public void Construct_LinkCut_MagnitudeIgnored()
    {
        Assert.Equal(0, new FaultSpec(FaultKind.LinkCut, "l", 7).Magnitude);
    }
}
