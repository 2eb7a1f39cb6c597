using QNet.ControlPlane.Telemetry;
using QNet.Sre;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// The tallies the metric history samples: the twin's hot paths keep the series they write to (looked up once per
/// link, node or session class) instead of building a key per measurement, so the series, their order (which is the
/// order of samples in the history) and their values must be exactly those of the per-measurement lookups.
/// </summary>
public sealed class TallyBookTests
{
    [Fact]
    public void Of_SameMetricAndLabel_ReturnsTheSeriesThatAddWrites()
    {
        var tallies = new TallyBook();
        var series = tallies.Of("qnet_x_total", "link", "a");
        series.Value += 2;
        tallies.Add("qnet_x_total", "link", "a", 3);
        tallies.Add("qnet_x_total", new Dictionary<string, string> { ["link"] = "a" }, 4);

        Assert.Same(series, tallies.Of("qnet_x_total", new Dictionary<string, string> { ["link"] = "a" }));
        Assert.Equal(9, Assert.Single(tallies.All).Value);
    }

    [Fact]
    public void HistogramOf_Observations_CountInfinityThresholdBucketAndSumInCreationOrder()
    {
        var tallies = new TallyBook();
        var histogram = tallies.HistogramOf("qnet_h", "link", "a", 0.5);
        histogram.Observe(0.25);
        histogram.Observe(0.5);
        histogram.Observe(0.75);

        var all = tallies.All.Select(s => (s.Metric, Labels: string.Join(",", s.Labels.OrderBy(kv => kv.Key).Select(kv => kv.Key + "=" + kv.Value)), s.Value)).ToArray();
        Assert.Equal(
            [("qnet_h_count", "link=a", 3.0), ("qnet_h_bucket", "le=+Inf,link=a", 3.0), ("qnet_h_bucket", "le=0.5,link=a", 2.0), ("qnet_h_sum", "link=a", 1.5)],
            all);
    }

    [Fact]
    public void LinkPair_RepeatedHeralds_SameSeriesAsOneAddPerMeasurement()
    {
        using var metrics = new TwinMetrics();
        var expected = new TallyBook();
        // The series keep exact sums (ExactSum), rounded once; the per-measurement adds round at each add. Terms whose
        // partial sums are exact in binary (all but the last) make the two agree to the bit.
        double[] latencies = [0.0001220703125, 0.25, 0.00006103515625];
        double[] fidelities = [0.9375, 0.5, MetricCatalogue.FidelityThreshold];
        for (int i = 0; i < latencies.Length; i++)
        {
            foreach (var link in new[] { "l1", "l2" })
            {
                metrics.LinkPair(link, fidelities[i], latencies[i]);
                expected.Add(MetricCatalogue.Total(MetricCatalogue.LinkPairsGenerated), "link", link, 1);
                expected.AddHistogram(MetricCatalogue.HeraldingLatencySeconds, "link", link, latencies[i], MetricCatalogue.HeraldingLatencyThresholdSeconds);
                expected.AddHistogram(MetricCatalogue.LinkPairFidelity, "link", link, fidelities[i], MetricCatalogue.FidelityThreshold);
            }
            metrics.Swap("r1", success: i % 2 == 0);
            expected.Add(MetricCatalogue.Total(MetricCatalogue.SwapAttempts), "node", "r1", 1);
            expected.Add(MetricCatalogue.Total(MetricCatalogue.SwapSuccesses), "node", "r1", i % 2 == 0 ? 1 : 0);
        }

        Assert.Equal(Flatten(expected), Flatten(metrics.Tallies));
    }

    private static string[] Flatten(TallyBook tallies) =>
        tallies.All.Select(s => $"{s.Metric}{{{string.Join(",", s.Labels.OrderBy(kv => kv.Key).Select(kv => kv.Key + "=" + kv.Value))}}} {s.Value}").ToArray();
}
