using QNet.Sre.Evaluation;

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
}
