namespace QNet.Sre.Specs;

/// <summary>
/// The SLO period: rolling (the last <see cref="Nominal"/>) or calendar-aligned (periods of
/// <see cref="Count"/> × <see cref="Unit"/> starting at <see cref="CalendarStart"/>, in <see cref="TimeZone"/>).
/// </summary>
/// <param name="Count">Number of units.</param>
/// <param name="Unit">One of m h d w M Q Y.</param>
/// <param name="IsRolling">True for a rolling window.</param>
/// <param name="CalendarStart">Start of one calendar period (local time in <see cref="TimeZone"/>); ignored when rolling.</param>
/// <param name="TimeZone">IANA zone of the calendar; UTC when null.</param>
public sealed record TimeWindow(int Count, char Unit, bool IsRolling, DateTime CalendarStart, string? TimeZone)
{
    /// <summary>Nominal length used for rolling windows and burn-rate scaling (month = 30 d, quarter = 90 d, year = 365 d).</summary>
    public TimeSpan Nominal => Unit switch
    {
        'm' => TimeSpan.FromMinutes(Count),
        'h' => TimeSpan.FromHours(Count),
        'd' => TimeSpan.FromDays(Count),
        'w' => TimeSpan.FromDays(7 * Count),
        'M' => TimeSpan.FromDays(30 * Count),
        'Q' => TimeSpan.FromDays(90 * Count),
        _ => TimeSpan.FromDays(365 * Count),
    };

    /// <summary>The period containing <paramref name="now"/>: [now − nominal, now] when rolling, else the calendar period.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) PeriodAt(DateTimeOffset now)
    {
        if (IsRolling)
        {
            return (now - Nominal, now);
        }

        var zone = TimeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var start = CalendarStart;
        if (local >= start)
        {
            var guess = Math.Max(0, (long)((local - start).Ticks / Math.Max(1, Nominal.Ticks)) - 1);
            start = Advance(start, guess);
            while (Advance(start, 1) <= local)
            {
                start = Advance(start, 1);
            }
        }
        else
        {
            while (start > local)
            {
                start = Advance(start, -1);
            }
        }

        var end = Advance(start, 1);
        return (new DateTimeOffset(start, zone.GetUtcOffset(start)), new DateTimeOffset(end, zone.GetUtcOffset(end)));
    }

    private DateTime Advance(DateTime t, long periods) => Unit switch
    {
        'M' => t.AddMonths(checked((int)(Count * periods))),
        'Q' => t.AddMonths(checked((int)(3 * Count * periods))),
        'Y' => t.AddYears(checked((int)(Count * periods))),
        _ => t + Nominal * periods,
    };
}
