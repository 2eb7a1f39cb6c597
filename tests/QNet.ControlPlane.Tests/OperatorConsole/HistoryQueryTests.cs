using QNet.ControlPlane.OperatorConsole;

namespace QNet.ControlPlane.Tests.OperatorConsole;

public sealed class HistoryQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, null, null, "metric")]
    [InlineData("qnet_nonsense", null, null, "metric")]
    [InlineData("qnet_link_up", "link", null, "labels")]
    [InlineData("qnet_link_up", "link=a,link=b", null, "labels")]
    [InlineData("qnet_link_up", null, "yesterday", "since")]
    [InlineData("qnet_link_up", null, "5d", "since")]
    public void Parse_BadInput_NullWithField(string? metric, string? labels, string? since, string field)
    {
        Assert.Null(HistoryQuery.Parse(metric, labels, since, Now, out var error));
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parse_NoSince_OneHourBack()
    {
        var query = HistoryQuery.Parse("qnet_link_up", null, null, Now, out _)!;

        Assert.Equal(Now.AddHours(-1).ToUnixTimeMilliseconds(), query.SinceUnixMs);
        Assert.Empty(query.Labels);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("2h", 7200)]
    [InlineData("2026-12-06T11:59:00Z", 60)]
    public void Parse_Since_DurationOrTime(string since, int secondsBack)
    {
        var query = HistoryQuery.Parse("qnet_link_pairs_generated", "link=alice-r1, node = r1", since, Now, out _)!;

        Assert.Equal(Now.AddSeconds(-secondsBack).ToUnixTimeMilliseconds(), query.SinceUnixMs);
        Assert.Equal("alice-r1", query.Labels["link"]);
        Assert.Equal("r1", query.Labels["node"]);
    }
}
