namespace QNet.Sre.Specs;

/// <summary>
/// A maintenance window (QNet extension kind <c>qnet.io/v1 MaintenanceWindow</c>): while any of its intervals
/// holds, alerts whose labels carry every <see cref="Matchers"/> pair are suppressed and their events are left
/// out of the error budget.
/// </summary>
public sealed record MaintenanceWindow(string Name, IReadOnlyDictionary<string, string> Matchers, IReadOnlyList<TimeInterval> Intervals)
{
    /// <summary>True when the window is active at <paramref name="instant"/>.</summary>
    public bool IsActive(DateTimeOffset instant) => Intervals.Any(i => i.Contains(instant));

    /// <summary>
    /// A one-off window [start, end) in UTC, as the control plane's API declares them, written as one interval per
    /// day (year, month, day of month, times) so Alertmanager's <c>time_intervals</c> can express it too.
    /// </summary>
    public static MaintenanceWindow OneOff(string name, IReadOnlyDictionary<string, string> matchers, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var from = start.UtcDateTime;
        var to = end.UtcDateTime;
        if (to <= from)
        {
            throw new ArgumentException($"end ({end:O}) must be after start ({start:O})", nameof(end));
        }

        if (from.Second != 0 || from.Millisecond != 0 || to.Second != 0 || to.Millisecond != 0)
        {
            throw new ArgumentException("start and end must be whole minutes (Alertmanager time intervals have minute resolution)", nameof(start));
        }

        var intervals = new List<TimeInterval>();
        for (var day = from.Date; day < to; day = day.AddDays(1))
        {
            var a = day == from.Date ? (int)(from - day).TotalMinutes : 0;
            var b = day == to.Date ? (int)(to - day).TotalMinutes : 24 * 60;
            if (b > a)
            {
                string Inv(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
                intervals.Add(new TimeInterval([(a, b)], [], [Inv(day.Day)], [Inv(day.Month)], [Inv(day.Year)], "UTC"));
            }
        }

        return new MaintenanceWindow(name, matchers, intervals);
    }

    /// <summary>True when the window applies to a series or alert with these labels.</summary>
    public bool AppliesTo(IReadOnlyDictionary<string, string> labels) =>
        Matchers.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
