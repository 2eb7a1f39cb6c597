using System.Diagnostics.Metrics;
using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// <c>qnet_mitigation_actions_total{action, reason}</c> on the twin's meter and in the metric history: one per action the
/// mitigation policy took (lifts are not counted); <c>reason</c> is the signal that triggered it. Labels stay bounded
/// (eight actions, nine signals).
/// </summary>
internal sealed class MitigationMetrics(Meter meter, TallyBook tallies)
{
    private readonly Counter<long> _actions = meter.CreateCounter<long>(MetricCatalogue.MitigationActions, null,
        "Actions of the automated mitigation policy, by action and the signal that triggered it.");

    /// <summary>Counts one action (simulation thread only).</summary>
    public void Acted(string action, string reason)
    {
        _actions.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("reason", reason));
        tallies.Add(MetricCatalogue.Total(MetricCatalogue.MitigationActions), new Dictionary<string, string> { ["action"] = action, ["reason"] = reason }, 1);
    }
}
