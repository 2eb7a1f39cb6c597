namespace QNet.Kernel.Tests;

public class SimTimeTests
{
    [Fact]
    public void FromSeconds_RoundsToPicoseconds()
    {
        Assert.Equal(1_500_000_000_000L, SimTime.FromSeconds(1.5).Picoseconds);
        Assert.Equal(250_000L, SimTime.FromNanoseconds(250).Picoseconds);
        Assert.Equal(1.5, SimTime.FromSeconds(1.5).Seconds);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e9)]
    public void FromSeconds_OutOfRange_Throws(double seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SimTime.FromSeconds(seconds));

    [Fact]
    public void Arithmetic_AddsAndCompares()
    {
        var a = SimTime.FromMilliseconds(1);
        var b = SimTime.FromMicroseconds(500);
        Assert.Equal(SimTime.FromMicroseconds(1500), a + b);
        Assert.True(b < a);
        Assert.Equal("0.001s", a.ToString());
    }
}
