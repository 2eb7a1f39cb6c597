using QNet.Sre.Evaluation;

namespace QNet.Sre.Tests.Evaluation;

/// <summary>
/// The stored windows' shortcuts (drop and stale counts, running sums and means) against the plain loops of
/// <see cref="RateMath"/> over a copy of the same samples: equal bit for bit, evaluation after evaluation, for windows
/// that grow from a fixed start and windows that slide, across counter resets, stale markers and pruning.
/// </summary>
public sealed class SampleSeriesTests
{
    private const long StepMs = 15_000;

    [Fact]
    public void RangeFunctions_StoredWindowsOverADay_MatchThePlainLoopsBitForBit()
    {
        var history = new InMemoryMetricHistory();
        var labels = new Dictionary<string, string> { ["link"] = "a-b" };
        var random = new Random(7);
        double counter = 0;
        long[] ranges = [5 * 60_000, 3_600_000, 86_400_000, 3 * 86_400_000];
        int checkedWindows = 0, resets = 0, stale = 0;
        for (int i = 1; i <= 6000; i++)
        {
            long t = i * StepMs;
            // A counter growing by irregular amounts, reset now and then; a stale marker now and then.
            counter = random.Next(500) == 0 ? random.NextDouble() : counter + (random.NextDouble() * 1e3);
            resets += counter < 1 ? 1 : 0;
            bool marker = random.Next(700) == 0;
            stale += marker ? 1 : 0;
            history.Add("m", labels, t, marker ? RateMath.StaleMarker : counter);
            if (i % 1500 == 0)
            {
                history.Prune(t - (2 * 86_400_000));
            }
            if (i % 7 != 0)
            {
                continue;
            }
            foreach (long range in ranges)
            {
                var stored = Assert.Single(history.Query("m", t - range, t)).Samples;
                var copy = stored.ToList(); // a plain list: RateMath loops over it
                Assert.Equal(Bits(RateMath.SumOverTime(copy)), Bits(RateMath.SumOverTime(stored)));
                Assert.Equal(Bits(RateMath.AvgOverTime(copy)), Bits(RateMath.AvgOverTime(stored)));
                Assert.Equal(Bits(RateMath.ExtrapolatedRate(copy, t - range, t, isRate: true)), Bits(RateMath.ExtrapolatedRate(stored, t - range, t, isRate: true)));
                bool staleInside = copy.Any(s => RateMath.IsStale(s.Value));
                Assert.Equal(staleInside, ((InMemoryMetricHistory.SampleView)stored).HasStale);
                checkedWindows++;
            }
        }

        // The run did exercise what the shortcuts must get right.
        Assert.True(resets > 3 && stale > 3 && checkedWindows > 3000, $"resets {resets}, stale {stale}, windows {checkedWindows}");
    }

    [Fact]
    public void Rate_WindowWithAReset_CountsTheReset()
    {
        var history = new InMemoryMetricHistory();
        var labels = new Dictionary<string, string>();
        double[] values = [10, 20, 5, 15];
        for (int i = 0; i < values.Length; i++)
        {
            history.Add("c", labels, (i + 1) * StepMs, values[i]);
        }

        var samples = Assert.Single(history.Query("c", StepMs, values.Length * StepMs)).Samples;

        Assert.True(((InMemoryMetricHistory.SampleView)samples).HasDrops);
        // 20 − 10, then 5 after the reset to 0, then 15 − 5: 25 over the 45 s the samples span, not extrapolated.
        Assert.Equal((double?)25, RateMath.ExtrapolatedRate(samples, StepMs, values.Length * StepMs, isRate: false));
    }

    private static long? Bits(double? v) => v is { } x ? BitConverter.DoubleToInt64Bits(x) : null;
}
