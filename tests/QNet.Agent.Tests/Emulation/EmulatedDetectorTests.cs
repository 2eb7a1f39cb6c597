using QNet.Agent.Emulation;
using QNet.Kernel;

namespace QNet.Agent.Tests.Emulation;

/// <summary>
/// The detector against its formulas. Tolerances are five standard deviations of the click count, so a correct
/// emulator fails about once in 1.7 million runs and every stream is seeded (the runs are fixed anyway).
/// </summary>
public sealed class EmulatedDetectorTests
{
    [Fact]
    public void Run_DarkOnlyNoDeadTime_CountsPoissonDarkRate()
    {
        var detector = new EmulatedDetector(new DetectorParameters("d", DarkCountRateHertz: 250, DeadTimeSeconds: 0, SignalRateHertz: 1e6), new RandomStream(7)) { Lit = false };
        const double seconds = 400;

        long clicks = detector.Run(0, seconds);

        double expected = 250 * seconds; // Poisson: variance = mean
        Assert.InRange(clicks, expected - 5 * Math.Sqrt(expected), expected + 5 * Math.Sqrt(expected));
    }

    [Theory]
    [InlineData(1e5, 1e-6)] // r·τ = 0.1: 9 % lost
    [InlineData(1e6, 1e-6)] // r·τ = 1: half lost
    [InlineData(1e6, 1e-5)] // r·τ = 10: saturated near 1/τ
    public void Run_NonParalysableDeadTime_MeasuredRateIsROverOnePlusRTau(double rate, double deadTime)
    {
        var detector = new EmulatedDetector(new DetectorParameters("d", DarkCountRateHertz: 0, DeadTimeSeconds: deadTime, SignalRateHertz: rate), new RandomStream(11));
        const double seconds = 2;

        long clicks = detector.Run(0, seconds);

        // Renewal process with gaps τ + Exp(r): mean gap μ = τ + 1/r, gap variance σ² = 1/r²; count variance ≈ T·σ²/μ³.
        double mu = deadTime + 1 / rate;
        double expected = seconds * rate / (1 + rate * deadTime);
        double sd = Math.Sqrt(seconds / (rate * rate) / (mu * mu * mu));
        Assert.InRange(clicks, expected - 5 * sd, expected + 5 * sd);
        Assert.Equal(expected / seconds, detector.Parameters.MeasuredRate(rate), 6);
    }

    [Fact]
    public void Run_SplitIntervals_SameCountsAsOneInterval()
    {
        var p = new DetectorParameters("d", DarkCountRateHertz: 1000, DeadTimeSeconds: 1e-4, SignalRateHertz: 0);
        var whole = new EmulatedDetector(p, new RandomStream(3));
        var split = new EmulatedDetector(p, new RandomStream(3));

        whole.Run(0, 10);
        for (int i = 0; i < 10; i++)
        {
            split.Run(i, i + 1);
        }

        Assert.Equal(whole.Clicks, split.Clicks);
    }

    [Fact]
    public void Reset_AfterClicks_CountsFromZero()
    {
        var detector = new EmulatedDetector(new DetectorParameters("d", DarkCountRateHertz: 1000), new RandomStream(5)) { Lit = false };
        detector.Run(0, 1);
        Assert.True(detector.Clicks > 0);

        detector.Reset();

        Assert.Equal(0, detector.Clicks);
    }

    [Fact]
    public void Constructor_NegativeDeadTime_RefusedNamingTheField()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DetectorParameters("d", DeadTimeSeconds: -1));
        Assert.Contains("DeadTimeSeconds", e.Message, StringComparison.Ordinal);
    }
}
