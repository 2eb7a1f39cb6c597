using Microsoft.Extensions.Logging;
using QNet.ControlPlane.Twin;
using QNet.Kernel;

namespace QNet.ControlPlane.Tests.Twin;

public sealed class TwinClockEndTests
{
    private static readonly DateTimeOffset TwinNow = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void End_Default_TheKernelsHorizon()
    {
        var end = new TwinClockEnd(timeFactor: 1);

        Assert.Equal(SimTime.Horizon, end.End);
        Assert.Equal(0, end.RemainingSeconds(SimTime.Horizon));
        Assert.Equal(0, end.RemainingSeconds(SimTime.MaxValue));
        Assert.Equal(SimTime.Horizon.Seconds, end.RemainingSeconds(SimTime.Zero));
    }

    [Theory]
    [InlineData(1, TwinClockEnd.MinimumWarningSeconds)]
    [InlineData(10, TwinClockEnd.MinimumWarningSeconds)]
    [InlineData(100, 100 * TwinClockEnd.MinimumWarningWallSeconds)]
    [InlineData(10_000, 10_000 * TwinClockEnd.MinimumWarningWallSeconds)]
    public void WarningSeconds_TimeFactor_ThreeDaysOrAnHourOfWallTime(double timeFactor, double seconds) =>
        Assert.Equal(seconds, new TwinClockEnd(timeFactor).WarningSeconds);

    [Fact]
    public void Target_WithinRange_StartPlusElapsed()
    {
        var end = new TwinClockEnd(timeFactor: 1);
        var start = SimTime.FromSeconds(5);

        Assert.Equal(SimTime.FromSeconds(15), end.Target(start, 10));
        Assert.Equal(start, end.Target(start, 0));
    }

    [Theory]
    [InlineData(0.0, 1e7)] // 115 days from zero: past the end
    [InlineData(0.0, 1e300)] // far beyond a long of picoseconds
    [InlineData(-1.0, 2.0)] // a second before the end, two seconds on
    [InlineData(-1.0, 1e15)]
    [InlineData(1.0, 1.0)] // started past the end
    public void Target_PastTheEnd_TheEndWithoutOverflow(double startFromEndSeconds, double elapsedSeconds)
    {
        var end = new TwinClockEnd(timeFactor: 1);
        var start = startFromEndSeconds == 0 ? SimTime.Zero
            : startFromEndSeconds < 0 ? end.End - SimTime.FromSeconds(-startFromEndSeconds) : end.End + SimTime.FromSeconds(startFromEndSeconds);

        Assert.Equal(end.End, end.Target(start, elapsedSeconds));
    }

    [Fact]
    public void Check_HourlyStepsToTheEndAndBeyond_OneWarningAtThreeDaysLeftThenOneError()
    {
        var end = new TwinClockEnd(timeFactor: 1);
        var log = new ListLogger();
        var hour = SimTime.FromSeconds(3600);
        var now = end.End - SimTime.FromSeconds(4 * 86_400);
        SimTime? warnedAt = null;
        while (now < end.End + (hour * 5))
        {
            var t = now < end.End ? now : end.End; // the runner never passes the end
            end.Check(t, TwinNow, log);
            if (warnedAt is null && log.Entries.Count > 0)
            {
                warnedAt = t;
            }
            now += hour;
        }

        Assert.Equal(2, log.Entries.Count);
        var (level, message) = log.Entries[0];
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal(end.End - SimTime.FromSeconds((3 * 86_400) - 3600), warnedAt); // the first hourly step with less than 3 days left
        Assert.Contains("ends in 2.958 simulated days", message, StringComparison.Ordinal);
        Assert.Contains("Restart qnet up", message, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Error, log.Entries[1].Level);
        Assert.Contains("reached its end", log.Entries[1].Message, StringComparison.Ordinal);
        Assert.Contains("clock-ended", log.Entries[1].Message, StringComparison.Ordinal);
        Assert.Contains("Restart qnet up", log.Entries[1].Message, StringComparison.Ordinal);
        Assert.True(end.Ended);
    }

    [Fact]
    public void Check_FarFromTheEnd_SilentAndNotEnded()
    {
        var end = new TwinClockEnd(timeFactor: 1);
        var log = new ListLogger();

        end.Check(SimTime.Zero, TwinNow, log);
        end.Check(end.End - SimTime.FromSeconds(TwinClockEnd.MinimumWarningSeconds), TwinNow, log);

        Assert.Empty(log.Entries);
        Assert.False(end.Ended);
    }

    [Fact]
    public void Check_StartedWithinTheMargin_WarnsAtOnceWithTheWallTimeLeft()
    {
        var end = new TwinClockEnd(timeFactor: 100);
        var log = new ListLogger();

        end.Check(end.End - SimTime.FromSeconds(36_000), TwinNow, log); // 10 simulated hours: 6 wall minutes at x100
        end.Check(end.End - SimTime.FromSeconds(35_000), TwinNow, log);

        var (level, message) = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("about 0.1 h of wall time at time factor 100", message, StringComparison.Ordinal);
        Assert.Contains("at twin time 2026-12-07 10:00:00Z", message, StringComparison.Ordinal);
        Assert.False(end.Ended);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
