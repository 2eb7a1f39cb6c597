using QNet.Kernel;
using QNet.Physics.Hardware;

namespace QNet.Physics.Tests.Hardware;

/// <summary>Formulas and validation of the hardware parameter records.</summary>
public class HardwareRecordTests
{
    // Exact: one pow/exp each.
    private const double Exact = 1e-12;

    [Theory]
    [InlineData(0, 0.2)]
    [InlineData(50_000, 0.2)]
    [InlineData(100_000, 0.16)]
    public void FiberChannel_Length_TransmittanceIsTenToMinusAlphaLOverTen(double metres, double alpha)
    {
        var fiber = new FiberChannel(metres, alpha);
        Assert.Equal(Math.Pow(10, -alpha * metres / 1000 / 10), fiber.Transmittance, Exact);
        Assert.Equal(alpha * metres / 1000, fiber.LossDb, Exact);
        // Half the fiber (a midpoint arm): η_arm = 10^{−αL/20} = √η.
        Assert.Equal(Math.Sqrt(fiber.Transmittance), fiber.TransmittanceOver(metres / 2), Exact);
    }

    [Fact]
    public void FiberChannel_FiftyKilometres_DelayIsQuarterMillisecond()
    {
        // c ≈ 2×10⁸ m/s in fiber: 50 km takes 250 µs.
        Assert.Equal(SimTime.FromMicroseconds(250), new FiberChannel(50_000).Delay);
    }

    [Fact]
    public void FiberChannel_NegativeLength_ThrowsNamingField()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new FiberChannel(-1));
        Assert.Equal("length", ex.ParamName);
    }

    [Fact]
    public void FreeSpaceChannel_TenDecibels_TransmitsTenPercent()
    {
        Assert.Equal(0.1, new FreeSpaceChannel(1000, 10).Transmittance, Exact);
    }

    [Fact]
    public void QuantumMemory_T2AboveTwiceT1_ThrowsNamingField()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new QuantumMemory(1, 1, 3));
        Assert.Equal("T2Seconds", ex.ParamName);
    }

    [Fact]
    public void Detector_DarkCountRate_GivesPoissonProbabilityPerWindow()
    {
        var detector = new Detector(0.9, 1000, 1e-6);
        Assert.Equal(1 - Math.Exp(-1e-3), detector.DarkCountProbability, Exact);
        Assert.Equal(0.02, Detector.WithDarkCountProbability(0.5, 0.02).DarkCountProbability, Exact);
    }
}
