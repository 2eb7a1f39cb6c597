using QNet.Sre.Specs;

namespace QNet.Sre.Tests.Specs;

public sealed class TimeIntervalTests
{
    [Theory]
    [InlineData("2026-11-29T02:00:00Z", true)] // Sunday, start inclusive
    [InlineData("2026-11-29T03:59:00Z", true)]
    [InlineData("2026-11-29T04:00:00Z", false)] // end exclusive
    [InlineData("2026-11-28T02:30:00Z", false)] // Saturday
    public void Contains_WeeklyWindow_MatchesAlertmanagerSemantics(string instant, bool expected)
    {
        var interval = new TimeInterval([(120, 240)], ["sunday"], [], [], [], "UTC");

        Assert.Equal(expected, interval.Contains(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Contains_NegativeDayOfMonth_CountsFromTheMonthEnd()
    {
        var lastDay = new TimeInterval([], [], ["-1"], ["february"], ["2028"], null);

        Assert.True(lastDay.Contains(new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero)));
        Assert.False(lastDay.Contains(new DateTimeOffset(2028, 2, 28, 12, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("monday:friday", "weekdays", true)]
    [InlineData("funday", "weekdays", false)]
    [InlineData("-3:-1", "daysOfMonth", true)]
    [InlineData("0", "daysOfMonth", false)]
    [InlineData("1:13", "months", false)]
    [InlineData("saturday:sunday", "weekdays", false)]
    [InlineData("-1:-7", "daysOfMonth", false)]
    [InlineData("-3:5", "daysOfMonth", false)]
    [InlineData("25:-1", "daysOfMonth", true)]
    [InlineData("2030:2026", "years", false)]
    public void ValidateRange_Texts_AcceptsOnlyAlertmanagerForms(string text, string field, bool valid)
    {
        Assert.Equal(valid, TimeInterval.ValidateRange(text, field) is null);
    }

    [Fact]
    public void OneOff_AcrossMidnight_IsActiveExactlyInsideTheRange()
    {
        var start = new DateTimeOffset(2026, 12, 31, 22, 30, 0, TimeSpan.Zero);
        var window = MaintenanceWindow.OneOff("upgrade", new Dictionary<string, string>(), start, start.AddHours(3));

        Assert.Equal(2, window.Intervals.Count);
        Assert.False(window.IsActive(start.AddMinutes(-1)));
        Assert.True(window.IsActive(start));
        Assert.True(window.IsActive(start.AddHours(2))); // 2027-01-01 00:30, the next year's interval
        Assert.False(window.IsActive(start.AddHours(3)));
        Assert.False(window.IsActive(start.AddYears(1))); // same wall time a year later
    }

    [Fact]
    public void OneOff_EndBeforeStart_Throws()
    {
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Throws<ArgumentException>(() => MaintenanceWindow.OneOff("x", new Dictionary<string, string>(), t, t));
    }
}
