using QNet.Network.Mitigation;
using QNet.Network.Routing;
using QNet.Sre;

namespace QNet.ControlPlane.Mitigation;

/// <summary>
/// Reads the mitigation signals from what the twin already tracks: the observer's per-link pair and fidelity sums,
/// the tally book's swap counters, the topology's current link physics and memories against the scenario's, the
/// scheduler's per-session target counts, the calibration drift, the command queue and the QKD side. Windowed signals
/// (fidelity, swap success, target miss) keep a baseline per target and are read once the window since it holds
/// <c>minSamples</c> pairs or swaps; then the baseline moves up. Simulation thread only.
/// </summary>
internal sealed class TwinMitigationSignals(Twin.Twin twin, Func<int> queueDepth, IQkdRemediation qkd) : IMitigationSignalSource
{
    /// <summary>Target name of the control-plane-wide signals.</summary>
    public const string ControlPlane = "control-plane";

    private readonly Topology _configured = new(twin.Topology.Scenario);
    private readonly Dictionary<(MitigationSignal, string), (double Count, double Sum)> _baseline = [];
    private readonly Dictionary<string, (double Attempts, double Successes)> _swaps = new(StringComparer.Ordinal);
    private readonly HashSet<string> _served = new(StringComparer.Ordinal);

    public void Read(MitigationSignal signal, int minSamples, List<SignalReading> into)
    {
        switch (signal)
        {
            case MitigationSignal.LinkFidelity:
                foreach (var link in _configured.Links.Keys)
                {
                    Windowed(signal, link, twin.Observer.LinkPairs.GetValueOrDefault(link), twin.Observer.LinkFidelitySum.GetValueOrDefault(link), minSamples, into);
                }
                break;
            case MitigationSignal.LinkRateRatio:
                foreach (var link in _configured.Links.Values)
                {
                    double ratio = twin.Topology.IsUp(link.Id)
                        ? twin.Topology.PhysicsOf(twin.Topology.Links[link.Id]).SuccessProbability / _configured.PhysicsOf(link).SuccessProbability
                        : 0;
                    into.Add(new SignalReading(signal, link.Id, Math.Clamp(ratio, 0, 1)));
                }
                break;
            case MitigationSignal.SwapSuccess:
                ReadSwaps();
                foreach (var (node, (attempts, successes)) in _swaps)
                {
                    Windowed(signal, node, attempts, successes, minSamples, into);
                }
                break;
            case MitigationSignal.CoherenceRatio:
                // M5 as measured: the coherence probe's last T2 estimate (test qubits, a few % noise), not the memory's
                // configured or faulted T2, so the rule acts on what an operator could see. No estimate yet, no reading.
                var estimates = twin.MeasuredCoherence();
                foreach (var node in _configured.Nodes.Values)
                {
                    double t2 = node.Memory.T2Seconds;
                    if (double.IsFinite(t2) && t2 > 0 && estimates.TryGetValue(node.Id, out var estimate))
                    {
                        into.Add(new SignalReading(signal, node.Id, Math.Clamp(estimate.T2Seconds / t2, 0, 1)));
                    }
                }
                break;
            case MitigationSignal.SessionTargetMiss:
                _served.Clear();
                foreach (var (id, _, _) in twin.Scheduler.ServedPaths)
                {
                    if (_served.Add(id) && twin.Scheduler.TargetCounts(id) is { } c)
                    {
                        Windowed(signal, id, c.Delivered + c.BelowTarget, c.BelowTarget, minSamples, into);
                    }
                }
                break;
            case MitigationSignal.CommandQueueDepth:
                into.Add(new SignalReading(signal, ControlPlane, queueDepth()));
                break;
            case MitigationSignal.CalibrationDrift:
                foreach (var link in twin.Scenario.Links)
                {
                    into.Add(new SignalReading(signal, link.Id, twin.DriftOf(link.Id)));
                }
                break;
            case MitigationSignal.Qber:
                foreach (var (link, qber) in qkd.Qber())
                {
                    into.Add(new SignalReading(signal, link, qber));
                }
                break;
            case MitigationSignal.KeyVerificationFailures:
                foreach (var (link, failures) in qkd.VerificationFailures())
                {
                    into.Add(new SignalReading(signal, link, failures));
                }
                break;
        }
    }

    // Reads (sum − sum₀)/(count − count₀) once count − count₀ reaches minSamples, then moves the baseline.
    private void Windowed(MitigationSignal signal, string target, double count, double sum, int minSamples, List<SignalReading> into)
    {
        var key = (signal, target);
        var (count0, sum0) = _baseline.GetValueOrDefault(key);
        if (count < count0)
        {
            (count0, sum0) = (0, 0); // counters restarted (a session read before under the same id)
        }
        if (count - count0 >= minSamples)
        {
            into.Add(new SignalReading(signal, target, (sum - sum0) / (count - count0)));
            (count0, sum0) = (count, sum);
        }
        _baseline[key] = (count0, sum0);
    }

    private void ReadSwaps()
    {
        string attempts = MetricCatalogue.Total(MetricCatalogue.SwapAttempts), successes = MetricCatalogue.Total(MetricCatalogue.SwapSuccesses);
        foreach (var series in twin.Metrics.Tallies.All)
        {
            bool attempt = series.Metric == attempts;
            if ((attempt || series.Metric == successes) && series.Labels.TryGetValue("node", out var node))
            {
                var (a, s) = _swaps.GetValueOrDefault(node);
                _swaps[node] = attempt ? (series.Value, s) : (a, series.Value);
            }
        }
    }
}
