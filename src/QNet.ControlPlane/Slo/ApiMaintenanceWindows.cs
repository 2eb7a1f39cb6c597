using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Storage;
using QNet.Sre.Specs;

namespace QNet.ControlPlane.Slo;

/// <summary>
/// The maintenance windows declared through <c>/api/v1/maintenance</c>, as Sre <see cref="MaintenanceWindow"/>s
/// (one-off, widened to whole minutes as Alertmanager's time intervals are): what the alert router mutes, what the
/// budgets leave out and what the <c>qnet_maintenance_active</c> gauge reports. Reads the book on every call, so a
/// window created or deleted through the API takes effect at the next router pass; the conversion is cached per
/// version of the book (the book swaps its list whole on every change).
/// </summary>
internal sealed class ApiMaintenanceWindows(MaintenanceBook book)
{
    private volatile Converted _cache = new([], []);

    /// <summary>The windows in force now (active or not: each carries its own intervals). Thread-safe.</summary>
    public IReadOnlyList<MaintenanceWindow> Current()
    {
        var records = book.Windows;
        var cache = _cache;
        if (ReferenceEquals(cache.Source, records))
        {
            return cache.Windows;
        }

        var windows = records.Select(ToWindow).ToArray();
        _cache = new Converted(records, windows);
        return windows;
    }

    /// <summary>An API window as an Sre one-off window, widened to whole minutes (Alertmanager's resolution).</summary>
    private static MaintenanceWindow ToWindow(MaintenanceRecord record)
    {
        var minute = TimeSpan.TicksPerMinute;
        var start = new DateTimeOffset(record.Start.UtcTicks - (record.Start.UtcTicks % minute), TimeSpan.Zero);
        var endTicks = record.End.UtcTicks % minute == 0 ? record.End.UtcTicks : record.End.UtcTicks - (record.End.UtcTicks % minute) + minute;
        return MaintenanceWindow.OneOff(record.Id, record.Matchers, start, new DateTimeOffset(endTicks, TimeSpan.Zero));
    }

    private sealed record Converted(IReadOnlyList<MaintenanceRecord> Source, IReadOnlyList<MaintenanceWindow> Windows);
}
