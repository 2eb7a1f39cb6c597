using System.Diagnostics.Metrics;
using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// The coherence probe's gauges besides M5 itself (<see cref="MetricCatalogue.MemoryCoherenceTimeSeconds"/>, which
/// <see cref="TwinMetrics"/> exports from the same estimates): the measured T1 and the nominal T2 each node's
/// scenario specifies, which the F3 alert compares M5 with. Labels: <c>node</c>.
/// </summary>
internal sealed class CoherenceMetrics
{
    private volatile Measurement<double>[] _relaxation = [];
    private volatile Measurement<double>[] _nominal = [];

    /// <summary>Creates the gauges on <paramref name="meter"/>.</summary>
    public CoherenceMetrics(Meter meter)
    {
        meter.CreateObservableGauge(MetricCatalogue.MemoryRelaxationTimeSeconds, () => _relaxation, null,
            "Memory relaxation time T1 of each node, measured by the twin's coherence probe, in seconds.");
        meter.CreateObservableGauge(MetricCatalogue.MemoryCoherenceNominalSeconds, () => _nominal, null,
            "Memory coherence time T2 each node's scenario specifies, in seconds (what M5 is compared with).");
    }

    /// <summary>Publishes measured T1 and nominal T2 per node (simulation thread; readers see whole arrays).</summary>
    public void Publish(IEnumerable<(string Node, double T1Seconds, double NominalT2Seconds)> nodes)
    {
        var list = nodes.ToList();
        _relaxation = list.Select(n => new Measurement<double>(n.T1Seconds, new KeyValuePair<string, object?>("node", n.Node))).ToArray();
        _nominal = list.Select(n => new Measurement<double>(n.NominalT2Seconds, new KeyValuePair<string, object?>("node", n.Node))).ToArray();
    }
}
