using System.Diagnostics.Metrics;
using QNet.Sre;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// The twin's measured signals: the coherence probe (M5 from test qubits, and T1) and the detector click ratio,
/// both every simulated minute, into the exported gauges and the metric history.
/// </summary>
internal sealed partial class Twin
{
    private CoherenceProbe? _probe;
    private HashSet<string> _clickRatioLinks = new(StringComparer.Ordinal);

    /// <summary>The coherence probe (created on first use, on the simulation thread).</summary>
    internal CoherenceProbe Probe => _probe ??= new CoherenceProbe(Simulator);

    /// <summary>Runs the probes that are due (simulation thread): new estimates go to the gauges and the tallies.</summary>
    private void RunProbes()
    {
        if (!Probe.Due || !Probe.RunDue(Topology.Nodes.Values.Select(n => (n.Id, n.Memory))))
        {
            return;
        }

        var estimates = Probe.Estimates;
        Metrics.Coherence.Publish(estimates.Select(kv => (kv.Key, kv.Value.T1Seconds, _baseNodes.TryGetValue(kv.Key, out var b) ? b.Memory.T2Seconds : double.NaN)));
        foreach (var (node, e) in estimates)
        {
            var labels = new Dictionary<string, string> { ["node"] = node };
            Metrics.Tallies.Set(MetricCatalogue.MemoryCoherenceTimeSeconds, labels, e.T2Seconds);
            if (_baseNodes.TryGetValue(node, out var nominal))
            {
                Metrics.Tallies.Set(MetricCatalogue.MemoryCoherenceNominalSeconds, labels, nominal.Memory.T2Seconds);
            }
        }

        // A link without photon clicks in the window (idle, cut, or its sessions gone) has no click ratio: its series is
        // dropped, so the history and the alert see it go stale rather than hold the last window's value.
        var ratios = Metrics.Detectors.CloseWindow();
        foreach (var (link, ratio) in ratios)
        {
            Metrics.Tallies.Set(MetricCatalogue.DetectorClickRatio, new Dictionary<string, string> { ["link"] = link }, ratio);
        }
        foreach (var link in _clickRatioLinks.Where(l => !ratios.ContainsKey(l)))
        {
            Metrics.Tallies.Remove(MetricCatalogue.DetectorClickRatio, "link", link);
        }
        _clickRatioLinks = ratios.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// M5 as measured, per node: runs the probes that are due now (so a reader on the simulation thread, such as the
    /// mitigation's coherence signal, sees the estimate of the current minute whether or not a publish came first)
    /// and returns the last estimates.
    /// </summary>
    internal IReadOnlyDictionary<string, CoherenceEstimate> MeasuredCoherence()
    {
        RunProbes();
        return Probe.Estimates;
    }

    /// <summary>M5 per node: the probe's last T2 estimate.</summary>
    private Measurement<double>[] CoherenceReadings() =>
        Probe.Estimates.Select(kv => new Measurement<double>(kv.Value.T2Seconds, new KeyValuePair<string, object?>("node", kv.Key))).ToArray();
}
