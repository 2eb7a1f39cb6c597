using QNet.Physics.Hardware;

namespace QNet.Physics.Tests.Hardware;

/// <summary>Background clicks and non-paralyzable dead time of a threshold detector (fault F5).</summary>
public sealed class DetectorSaturationTests
{
    [Fact]
    public void DarkCountProbability_BackgroundWithRate_AddsRatesInTheWindow()
    {
        var detector = new Detector(0.8, 100, 2e-9) { BackgroundRateHz = 4.9e5 };

        // Dark and background clicks are independent Poisson processes: 1 − e^{−(r_dark + r_bg)·w}.
        Assert.Equal(1 - Math.Exp(-(100 + 4.9e5) * 2e-9), detector.DarkCountProbability, 15);
    }

    [Fact]
    public void DarkCountProbability_BackgroundWithGivenProbability_CombinesAsIndependentEvents()
    {
        var detector = Detector.WithDarkCountProbability(0.045, 1.7e-6) with { BackgroundRateHz = 1e6 };

        // No click in the window needs neither a dark click (1 − p) nor a background click (e^{−b·w}).
        Assert.Equal(1 - (1 - 1.7e-6) * Math.Exp(-1e6 * 1e-9), detector.DarkCountProbability, 15);
        Assert.Equal(1.7e-6, (detector with { BackgroundRateHz = 0 }).DarkCountProbability);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e5)]
    [InlineData(1e7)]
    [InlineData(1e8)]
    public void EffectiveEfficiency_DeadTime_FollowsNonParalyzableCurve(double signalHz)
    {
        var detector = new Detector(0.9, 1000) { BackgroundRateHz = 2e6, DeadTimeSeconds = 100e-9 };

        // η_eff = η/(1 + Rτ), R = signal + dark + background (Müller 1973): at Rτ = 1 the detector is live half the time.
        double r = signalHz + 1000 + 2e6;
        Assert.Equal(0.9 / (1 + r * 100e-9), detector.EffectiveEfficiency(signalHz), 14);
        Assert.Equal(1 / (1 + r * 100e-9), detector.LiveFraction(signalHz), 14);
    }

    [Fact]
    public void EffectiveEfficiency_HeavyLight_SaturatesTowardsOneClickPerDeadTime()
    {
        var detector = new Detector(1) { DeadTimeSeconds = 50e-9 };

        // The recorded click rate η_eff·R can never exceed 1/τ = 2×10⁷ Hz, and approaches it as R grows.
        double recorded = detector.EffectiveEfficiency(1e11) * 1e11;
        Assert.InRange(recorded, 0.999 * 2e7, 2e7);
    }

    [Fact]
    public void EffectiveEfficiency_NoDeadTime_IsTheEfficiencyExactly()
    {
        var detector = new Detector(0.37, 10) { BackgroundRateHz = 1e9 };

        Assert.Equal(0.37, detector.EffectiveEfficiency(1e12));
        Assert.Equal(1.0, detector.LiveFraction(1e12));
    }

    [Theory]
    [InlineData(-1.0, 0.0)]
    [InlineData(0.0, -1e-9)]
    [InlineData(double.PositiveInfinity, 0.0)]
    public void Construct_BadBackgroundOrDeadTime_ThrowsNamingTheField(double background, double deadTime)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Detector { BackgroundRateHz = background, DeadTimeSeconds = deadTime });

        Assert.Equal(background != 0 ? "backgroundRate" : "deadTime", error.ParamName);
    }
}
