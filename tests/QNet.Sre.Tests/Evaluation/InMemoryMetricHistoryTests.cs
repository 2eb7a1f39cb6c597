using QNet.Sre.Evaluation;
using QNet.Sre.Specs;

namespace QNet.Sre.Tests.Evaluation;

public sealed class InMemoryMetricHistoryTests
{
    [Fact]
    public void Query_EndAtLongMaxValue_ReturnsEverySampleFromStart()
    {
        var history = new InMemoryMetricHistory();
        var labels = new Dictionary<string, string> { ["link"] = "a-b" };
        history.Add("m", labels, 1_000, 1);
        history.Add("m", labels, 2_000, 2);

        var series = Assert.Single(history.Query("m", 1_500, long.MaxValue));

        Assert.Equal([2.0], series.Samples.Select(s => s.Value));
    }

    [Theory]
    [InlineData("m")]
    [InlineData("m{link=\"a-b\"}")]
    [InlineData("m{link!=\"a-b\",le=~\"0.5|1\"}")]
    [InlineData("m{session=\"\"}")]
    [InlineData("m{link=\"none\"}")]
    [InlineData("other")]
    public void Query_BySelector_SameSeriesInTheSameOrderAsFilteringEveryOne(string text)
    {
        var history = new InMemoryMetricHistory();
        foreach (var link in new[] { "c-d", "a-b", "b-c" })
        {
            foreach (var le in new[] { "0.5", "1", "+Inf" })
            {
                var labels = new Dictionary<string, string> { ["link"] = link, ["le"] = le };
                history.Add("m", labels, 1_000, 1);
                history.Add("m", labels, 2_000, 2);
            }
        }
        history.Add("m", new Dictionary<string, string> { ["link"] = "a-b", ["session"] = "s" }, 2_000, 3);
        var selector = MetricSelector.TryParse(text, out var error) ?? throw new InvalidOperationException(error);

        var selected = history.Query(selector, 1_500, 2_000);
        var filtered = ((IMetricHistory)new EveryOne(history)).Query(selector, 1_500, 2_000);

        Assert.Equal(filtered.Select(Describe), selected.Select(Describe));
        Assert.All(selected, s => Assert.True(selector.Matches(s.Metric, s.Labels)));
    }

    private static string Describe(SeriesSamples s) =>
        $"{s.Metric}{{{string.Join(",", s.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value))}}}: "
        + string.Join(" ", s.Samples.Select(x => $"{x.UnixMs}={x.Value}"));

    // A history that only lists every series of a metric: the interface's own selector query filters them.
    private sealed class EveryOne(InMemoryMetricHistory inner) : IMetricHistory
    {
        public IReadOnlyList<SeriesSamples> Query(string metric, long startUnixMs, long endUnixMs) => inner.Query(metric, startUnixMs, endUnixMs);
    }
}
