using QNet.Sre.Evaluation;

namespace QNet.Sre.Tests.Evaluation;

/// <summary>Hand-computed values of Prometheus' extrapolatedRate (promql/functions.go); doubles compared exactly or to 1e-12.</summary>
public sealed class RateMathTests
{
    private static MetricSample[] S(params (int Seconds, double Value)[] p) => p.Select(x => new MetricSample(x.Seconds * 1000L, x.Value)).ToArray();

    [Fact]
    public void ExtrapolatedRate_SamplesOnTheRangeEdges_IsTheRawIncrease()
    {
        var points = S((0, 0), (60, 60), (120, 120), (180, 180), (240, 240), (300, 300));

        Assert.Equal(1.0, RateMath.ExtrapolatedRate(points, 0, 300_000, isRate: true));
        Assert.Equal(300.0, RateMath.ExtrapolatedRate(points, 0, 300_000, isRate: false));
    }

    [Fact]
    public void ExtrapolatedRate_SamplesInsideTheRange_ExtrapolatesToBothEdges()
    {
        // increase 40 over 240 s sampled; 30 s to each edge (< 1.1 × 60 s) and the zero point 60 s back: 40 × 300 / 240.
        var points = S((30, 10), (90, 20), (150, 30), (210, 40), (270, 50));

        Assert.Equal(50.0, RateMath.ExtrapolatedRate(points, 0, 300_000, isRate: false)!.Value, 12);
    }

    [Fact]
    public void ExtrapolatedRate_CounterReset_AddsTheValueBeforeTheReset()
    {
        // 5 → 10 → 2 → 7: increase 7 − 5 + 10 = 12, samples on the edges.
        Assert.Equal(12.0, RateMath.ExtrapolatedRate(S((0, 5), (60, 10), (120, 2), (180, 7)), 0, 180_000, isRate: false));
    }

    [Fact]
    public void ExtrapolatedRate_FirstSampleFarFromStart_ExtrapolatesHalfASpacingOnly()
    {
        // 200 s to the start ≥ 66 s, zero point 100 s back ≥ 66 s: add 30 s; 40 s to the end < 66 s: add 40 s. 60 × 130 / 60.
        Assert.Equal(130.0, RateMath.ExtrapolatedRate(S((200, 100), (260, 160)), 0, 300_000, isRate: false)!.Value, 12);
    }

    [Fact]
    public void ExtrapolatedRate_FreshCounter_StopsAtTheZeroPoint()
    {
        // Counter starting at 0 at 120 s: the zero point is the first sample, so nothing is added before it.
        Assert.Equal(120.0 / 300, RateMath.ExtrapolatedRate(S((240, 0), (300, 120)), 0, 300_000, isRate: true));
    }

    [Fact]
    public void ExtrapolatedRate_OneSample_HasNoValue()
    {
        Assert.Null(RateMath.ExtrapolatedRate(S((10, 1)), 0, 300_000, isRate: true));
    }

    [Fact]
    public void AvgOverTime_ZerosAndOnes_IsTheFraction()
    {
        Assert.Equal(0.25, RateMath.AvgOverTime(S((0, 1), (60, 0), (120, 0), (180, 0))));
        Assert.Null(RateMath.AvgOverTime([]));
    }
}
