using System.Diagnostics.Metrics;
using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// <c>qnet_config_change_steps_total{field, step}</c> on the twin's meter and in the metric history: one per step of a
/// safe configuration change. Labels stay bounded (five fields, five steps).
/// </summary>
internal sealed class ConfigChangeMetrics(Meter meter, TallyBook tallies)
{
    private readonly Counter<long> _steps = meter.CreateCounter<long>(MetricCatalogue.ConfigChangeSteps, null,
        "Steps of safe configuration changes (canary applied, promoted, rolled back, aborted), by field and step.");

    /// <summary>Counts one step (simulation thread only).</summary>
    public void Stepped(string field, string step)
    {
        _steps.Add(1, new KeyValuePair<string, object?>("field", field), new KeyValuePair<string, object?>("step", step));
        tallies.Add(MetricCatalogue.Total(MetricCatalogue.ConfigChangeSteps), new Dictionary<string, string> { ["field"] = field, ["step"] = step }, 1);
    }
}
