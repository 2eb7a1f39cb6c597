using System.Diagnostics.Metrics;
using QNet.Sre;

namespace QNet.ControlPlane.HighAvailability;

/// <summary>The replica's role and failover count at <c>/metrics</c> (observed at scrape time from <see cref="ILeadership"/>).</summary>
internal sealed class HaMetrics
{
    /// <summary>Meter name (one per host, from the host's meter factory).</summary>
    public const string MeterName = "QNet.HighAvailability";

    public HaMetrics(IMeterFactory meters, ILeadership leadership)
    {
        var meter = meters.Create(MeterName);
        var replica = new KeyValuePair<string, object?>("replica", leadership.ReplicaId);
        meter.CreateObservableGauge(MetricCatalogue.HaLeader, () => new Measurement<int>(leadership.IsLeader ? 1 : 0, replica),
            description: "1 on the replica that leads the control plane, 0 on a follower");
        meter.CreateObservableCounter(MetricCatalogue.HaFailovers, () => new Measurement<long>(leadership.Failovers, replica),
            description: "Leases this replica took over from a leader that did not release it");
    }
}
