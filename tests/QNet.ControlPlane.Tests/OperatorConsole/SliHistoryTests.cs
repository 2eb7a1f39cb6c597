using QNet.ControlPlane.OperatorConsole;

namespace QNet.ControlPlane.Tests.OperatorConsole;

public sealed class SliHistoryTests
{
    private static readonly Dictionary<string, string> AliceR1 = new() { ["link"] = "alice-r1" };

    [Fact]
    public void Record_MoreThanCapacity_KeepsNewestCapacitySamplesOldestFirst()
    {
        var history = new SliHistory();
        for (int i = 0; i < SliHistory.Capacity + 10; i++)
        {
            history.Record("qnet_link_pairs_generated", AliceR1, i * 5000L, i);
        }

        var series = Assert.Single(history.Query("qnet_link_pairs_generated", new Dictionary<string, string>(), 0));
        Assert.Equal(SliHistory.Capacity, series.Times.Length);
        Assert.Equal(10 * 5000L, series.Times[0]);
        Assert.Equal(SliHistory.Capacity + 9, series.Values[^1]);
    }

    [Fact]
    public void Record_BeyondMaxSeries_RefusesNewSeriesAndCountsThem()
    {
        var history = new SliHistory();
        for (int i = 0; i < SliHistory.MaxSeries + 3; i++)
        {
            history.Record("qnet_link_up", new Dictionary<string, string> { ["link"] = "l" + i }, 0, 1);
        }

        Assert.Equal(SliHistory.MaxSeries, history.Query("qnet_link_up", new Dictionary<string, string>(), 0).Count);
        Assert.Equal(3, history.RefusedSeries);
        Assert.Equal(3_686_400, SliHistory.BoundBytes);
    }

    [Fact]
    public void Query_LabelsAndSince_OnlyMatchingSeriesAndLaterSamples()
    {
        var history = new SliHistory();
        history.Record("qnet_link_up", AliceR1, 1000, 1);
        history.Record("qnet_link_up", AliceR1, 2000, 0);
        history.Record("qnet_link_up", new Dictionary<string, string> { ["link"] = "r1-hub" }, 2000, 1);
        history.Record("qnet_link_up", AliceR1, 3000, double.NaN);

        var series = Assert.Single(history.Query("qnet_link_up", AliceR1, 1500));
        Assert.Equal([2000L], series.Times);
        Assert.Equal([0.0], series.Values);
    }
}
