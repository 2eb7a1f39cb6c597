using QNet.Network.Sweeps;

namespace QNet.Network.Tests.Sweeps;

public sealed class SweepParameterTests
{
    [Fact]
    public void TryParse_RangeWithUnits_IncludesBothEnds()
    {
        SweepParameter p = SweepParameter.TryParse("links.*.length=10km..100km:10km", out _)!;
        Assert.Equal("links.*.length", p.Path);
        Assert.Equal(["10km", "20km", "30km", "40km", "50km", "60km", "70km", "80km", "90km", "100km"], p.Values);
        Assert.Equal(10, p.Numbers[0]);
        Assert.Equal(100, p.Numbers[^1]);
        Assert.Equal("km", p.Unit);
        Assert.True(p.IsNumeric);
    }

    [Fact]
    public void TryParse_MixedUnitsOfOneDimension_UseTheFirstUnit()
    {
        SweepParameter p = SweepParameter.TryParse("duration=500ms..2s:500ms", out _)!;
        Assert.Equal(["500ms", "1000ms", "1500ms", "2000ms"], p.Values);
        SweepParameter list = SweepParameter.TryParse("nodes.r1.memory.t2=0.1s,1s,10s", out _)!;
        Assert.Equal([0.1, 1, 10], list.Numbers);
    }

    [Fact]
    public void TryParse_PlainNumbersAndWords()
    {
        SweepParameter p = SweepParameter.TryParse("links.*.successProbability=0.1..0.3:0.1", out _)!;
        Assert.Equal(["0.1", "0.2", "0.3"], p.Values);
        SweepParameter words = SweepParameter.TryParse("nodes.r1.swap.protocol=asap,nested", out _)!;
        Assert.False(words.IsNumeric);
    }

    [Theory]
    [InlineData("links.*.length", "is not PATH=VALUES")]
    [InlineData("links.*.length=10km..100km", "needs a step")]
    [InlineData("links.*.length=10km..100km:0km", "step must be greater than 0")]
    [InlineData("links.*.length=100km..10km:10km", "end must not be below the start")]
    [InlineData("links.*.length=10km..100s:10km", "not in the same kind of unit")]
    [InlineData("links.*.length=10km..100km:1m", "at most 10000")]
    [InlineData("links.*.length=1km,,2km", "empty value")]
    public void TryParse_Bad_SaysWhy(string text, string message)
    {
        Assert.Null(SweepParameter.TryParse(text, out string error));
        Assert.Contains(message, error);
    }
}
