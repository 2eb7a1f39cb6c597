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

    /// <summary>True when the window applies to a series or alert with these labels.</summary>
    public bool AppliesTo(IReadOnlyDictionary<string, string> labels) =>
        Matchers.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
