using System.Diagnostics.Metrics;
using QNet.ControlPlane.Slo;
using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// The gauge <c>qnet_maintenance_active</c> (meter <c>QNet.Maintenance</c>): one series per maintenance window declared
/// through <c>/api/v1/maintenance</c>, 1 while it is active on the twin's clock (widened to whole minutes, as the
/// router and the budgets see it), else 0; labels <c>window</c> (its id) and its matchers (<c>link</c>, <c>node</c>,
/// <c>region</c>, ...), or <c>scope="all"</c> when it has none. The generated Prometheus rules read it to leave
/// maintenance out of time-slice SLIs and budgets and to silence alerts (docs/slo.md). It is exported only: the
/// in-process evaluator handles the same windows itself (budget exclusion and router muting), so the twin's metric
/// history does not sample it.
/// </summary>
internal sealed class MaintenanceMetrics : IDisposable
{
    /// <summary>The meter name to subscribe to.</summary>
    public const string MeterName = "QNet.Maintenance";

    private readonly Meter _meter;

    public MaintenanceMetrics(IMeterFactory? factory, ApiMaintenanceWindows windows, TimeProvider clock)
    {
        _meter = factory?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        _meter.CreateObservableGauge(MetricCatalogue.MaintenanceActive, () => Read(windows, clock.GetUtcNow()), null,
            "1 while a maintenance window declared through the API is active, else 0; labels window and the window's matchers, or scope=\"all\".");
    }

    /// <summary>The gauge's measurements at <paramref name="now"/>.</summary>
    internal static IEnumerable<Measurement<int>> Read(ApiMaintenanceWindows windows, DateTimeOffset now) =>
        windows.Current().Select(w =>
        {
            var tags = new List<KeyValuePair<string, object?>> { new("window", w.Name) };
            tags.AddRange(w.Matchers.Count == 0
                ? [new KeyValuePair<string, object?>(MetricCatalogue.MaintenanceScopeLabel, "all")]
                : w.Matchers.Where(kv => kv.Key is not "window").Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value)));
            return new Measurement<int>(w.IsActive(now) ? 1 : 0, tags);
        }).ToList();

    public void Dispose() => _meter.Dispose();
}
