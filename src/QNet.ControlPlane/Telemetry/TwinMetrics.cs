using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// Instruments of the meter <c>QNet.Twin</c> for the indicators M1..M7 and M10. Names are given in Prometheus form
/// without unit or <c>_total</c> suffix handling left to chance: counters are named without <c>_total</c> (the
/// exporter appends it) and no instrument carries a unit (the exporter would append one), so the exposition shows
/// exactly the names of the architecture table. Tags are low-cardinality: <c>link</c>, <c>node</c>,
/// <c>session_class</c> (the session's application), <c>outcome</c>, <c>device</c>.
/// Every measurement is also kept in <see cref="Tallies"/>, which the twin samples into the metric history that the
/// in-process SLO evaluator reads: that evaluator runs on the simulation thread against simulated time and needs
/// cumulative counts per step, which the OpenTelemetry SDK only exposes through an exporter on wall-clock intervals.
/// Names and thresholds of both paths come from <see cref="MetricCatalogue"/>.
/// </summary>
internal sealed class TwinMetrics : IDisposable
{
    /// <summary>The meter name to subscribe to.</summary>
    public const string MeterName = "QNet.Twin";

    /// <summary>Fidelity bucket bounds (<see cref="MetricCatalogue.FidelityBuckets"/>).</summary>
    public static readonly double[] FidelityBuckets = MetricCatalogue.FidelityBuckets;

    /// <summary>Heralding latency bucket bounds in seconds (<see cref="MetricCatalogue.LatencyBuckets"/>).</summary>
    public static readonly double[] LatencyBuckets = MetricCatalogue.LatencyBuckets;

    private readonly Meter _meter;
    private readonly Counter<long> _linkPairs;
    private readonly Counter<long> _sessionPairs;
    private readonly Counter<long> _swapAttempts;
    private readonly Counter<long> _swapSuccesses;
    private readonly Counter<long> _expired;
    private readonly Counter<long> _lost;

    // Tally series of each link, repeater node and session class (the keys of the session classes that have delivered a
    // pair: their expiry counter is exported from then on). Simulation thread only.
    private readonly Dictionary<string, LinkSeries> _linkSeries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SwapSeries> _swapSeries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TallyBook.Series> _expiredSeries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeliverySeries> _deliverySeries = new(StringComparer.Ordinal);
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _linkFidelity;
    private readonly Histogram<double> _sessionFidelity;
    private readonly Histogram<double> _heraldLatency;
    private volatile GaugeReadings _gauges = GaugeReadings.Empty;

    /// <summary>Instruments on a meter of their own (benchmarks, unit tests).</summary>
    public TwinMetrics()
        : this(null)
    {
    }

    /// <summary>
    /// Instruments on a meter from the host's <see cref="IMeterFactory"/>, scoped to that host: several hosts in one
    /// process (tests) each export only their own twin, and one host's stop does not retire another's series.
    /// </summary>
    public TwinMetrics(IMeterFactory? factory)
    {
        _meter = factory?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        _linkPairs = _meter.CreateCounter<long>(MetricCatalogue.LinkPairsGenerated, null, "Heralded entanglement pairs generated per link (M1).");
        _sessionPairs = _meter.CreateCounter<long>(MetricCatalogue.SessionPairsDelivered, null, "End-to-end pairs delivered to sessions (M1).");
        _swapAttempts = _meter.CreateCounter<long>(MetricCatalogue.SwapAttempts, null, "Bell-state measurements attempted at repeaters (M4).");
        _swapSuccesses = _meter.CreateCounter<long>(MetricCatalogue.SwapSuccesses, null, "Bell-state measurements that succeeded (M4).");
        _expired = _meter.CreateCounter<long>(MetricCatalogue.MemoryPairsExpired, null, "Pairs discarded by the memory cutoff before use (M5).");
        _lost = _meter.CreateCounter<long>(MetricCatalogue.MemoryPairsLost, null,
            "Pairs held in quantum memories lost with the controller that held them, by reason (failover: counted by the new leader).");
        _requests = _meter.CreateCounter<long>(MetricCatalogue.SessionRequests, null,
            "Session requests by outcome: admitted or refused at admission, completed, failed or cancelled at the end (M7).");
        _linkFidelity = _meter.CreateHistogram<double>(MetricCatalogue.LinkPairFidelity, null, "Fidelity of heralded link pairs (M2).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FidelityBuckets });
        _sessionFidelity = _meter.CreateHistogram<double>(MetricCatalogue.SessionPairFidelity, null, "Fidelity of delivered end-to-end pairs (M2).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FidelityBuckets });
        _heraldLatency = _meter.CreateHistogram<double>(MetricCatalogue.HeraldingLatencySeconds, null, "Simulated heralding latency per link pair, in seconds (M6).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _meter.CreateObservableGauge(MetricCatalogue.LinkTransmittanceRatio, () => _gauges.Transmittance, null, "Channel transmittance of each link, 0..1 (M3).");
        _meter.CreateObservableGauge(MetricCatalogue.LinkUp, () => _gauges.LinkUp, null, "1 while the link is up by its own health (not cut, not out of service for calibration), 0 otherwise (F1).");
        _meter.CreateObservableGauge(MetricCatalogue.MemoryCoherenceTimeSeconds, () => _gauges.CoherenceSeconds, null, "Memory coherence time T2 of each node, measured by the twin's coherence probe (test qubits, seeded noise), in seconds (M5).");
        _meter.CreateObservableGauge(MetricCatalogue.CalibrationDriftRatio, () => _gauges.Drift, null, "Relative calibration drift of each link's devices since the last calibration, 0..1 (M10).");
        _meter.CreateObservableGauge(MetricCatalogue.TwinSimulatedSeconds, () => _gauges.SimulatedSeconds, null, "Simulated time of the twin since start, in seconds.");
        Detectors = new DetectorMetrics(_meter);
        Qkd = new QkdMetrics(_meter);
        Coherence = new CoherenceMetrics(_meter);
        SessionTargets = new SessionTargetMetrics(_meter, Tallies);
        Mitigations = new MitigationMetrics(_meter, Tallies);
        ConfigChanges = new ConfigChangeMetrics(_meter, Tallies);
        _meter.CreateObservableGauge(MetricCatalogue.TwinLagSeconds, () => _gauges.LagSeconds, null, "How far the twin is behind its wall-clock target, in simulated seconds.");
        _meter.CreateObservableGauge(MetricCatalogue.TwinClockRemainingSeconds, () => _gauges.ClockRemainingSeconds, null,
            "Simulated seconds left before the twin's clock ends and the twin stops advancing (restart qnet up before 0).");
    }

    /// <summary>Detector clicks and dark-count floors (debug dashboard).</summary>
    public DetectorMetrics Detectors { get; }

    /// <summary>QKD links: key verification failures, QBER pauses, configuration rollbacks.</summary>
    public QkdMetrics Qkd { get; }

    /// <summary>Measured T1 and nominal T2 per node (the coherence probe).</summary>
    public CoherenceMetrics Coherence { get; }

    /// <summary>Pairs judged against their session's own fidelity target (SLO session-pair-fidelity).</summary>
    public SessionTargetMetrics SessionTargets { get; }

    /// <summary>Actions of the mitigation policy.</summary>
    public MitigationMetrics Mitigations { get; }

    /// <summary>Steps of safe configuration changes (canary, promotion, rollback).</summary>
    public ConfigChangeMetrics ConfigChanges { get; }

    /// <summary>Cumulative values of every counter and threshold bucket, for the metric history (simulation thread only).</summary>
    public TallyBook Tallies { get; } = new();

    /// <summary>Sets a QKD link's distilled secret bits (cumulative) in the tallies; on the simulation thread, which reads the links' counts.</summary>
    public void QkdSecretBits(string link, long bits) => Tallies.Of(MetricCatalogue.Total(MetricCatalogue.QkdSecretBits), "link", link).Value = bits;

    /// <summary>Publishes gauge readings (called by the twin after each step).</summary>
    public void Publish(GaugeReadings readings) => _gauges = readings;

    public void LinkPair(string link, double fidelity, double latencySeconds) => LinkPair(LinkSeriesOf(link), link, fidelity, latencySeconds);

    /// <summary>A herald on a link whose series the caller found once (<see cref="LinkSeriesOf"/>) and keeps.</summary>
    public void LinkPair(LinkSeries series, string link, double fidelity, double latencySeconds)
    {
        // Offline (no listener on the meter) the instruments are skipped: building their tags is most of their cost.
        if (_linkPairs.Enabled || _linkFidelity.Enabled || _heraldLatency.Enabled)
        {
            var tag = new KeyValuePair<string, object?>("link", link);
            _linkPairs.Add(1, tag);
            _linkFidelity.Record(fidelity, tag);
            _heraldLatency.Record(latencySeconds, tag);
        }
        series.Observe(fidelity, latencySeconds);
    }

    /// <summary>The tally series of a link's heralds, created at its first herald (TallyBook keys are built strings: find them once).</summary>
    public LinkSeries LinkSeriesOf(string link)
    {
        ref var series = ref CollectionsMarshal.GetValueRefOrAddDefault(_linkSeries, link, out _);
        return series ??= new LinkSeries(Tallies, link);
    }

    public void Swap(string node, bool success) => Swap(SwapSeriesOf(node), node, success);

    /// <summary>A swap attempt at a repeater whose series the caller found once (<see cref="SwapSeriesOf"/>) and keeps.</summary>
    public void Swap(SwapSeries series, string node, bool success)
    {
        if (_swapAttempts.Enabled || _swapSuccesses.Enabled)
        {
            var tag = new KeyValuePair<string, object?>("node", node);
            _swapAttempts.Add(1, tag);
            if (success)
            {
                _swapSuccesses.Add(1, tag);
            }
        }
        series.Observe(success);
    }

    /// <summary>The tally series of a repeater's swaps, created at its first swap.</summary>
    public SwapSeries SwapSeriesOf(string node)
    {
        ref var series = ref CollectionsMarshal.GetValueRefOrAddDefault(_swapSeries, node, out _);
        return series ??= new SwapSeries(Tallies, node);
    }

    /// <summary>
    /// The delivery series of a session class, created at its first delivery (the caller keeps it): with them the
    /// class's expiry counter, exported at 0 from then on.
    /// </summary>
    public DeliverySeries DeliveriesOf(string sessionClass)
    {
        ref var series = ref CollectionsMarshal.GetValueRefOrAddDefault(_deliverySeries, sessionClass, out _);
        if (series is null)
        {
            // Expiry is rare on a healthy network (a few per 10⁵ pairs): export the counter at 0 from the class's first
            // delivery, so the memory-expiry SLI and /metrics have the series before the first pair expires.
            _expired.Add(0, new KeyValuePair<string, object?>("session_class", sessionClass));
            Tallies.Of(MetricCatalogue.Total(MetricCatalogue.MemoryPairsExpired), "session_class", sessionClass);
            series = new DeliverySeries(Tallies, SessionTargets, sessionClass);
        }
        return series;
    }

    /// <summary>A pair delivered to a session of the class whose series the caller found once (<see cref="DeliveriesOf"/>), judged as meeting its target.</summary>
    public void Delivered(DeliverySeries series, double fidelity)
    {
        if (_sessionPairs.Enabled || _sessionFidelity.Enabled)
        {
            _sessionPairs.Add(1, series.Tag);
            _sessionFidelity.Record(fidelity, series.Tag);
        }
        SessionTargets.Met(series.SessionClass);
        series.Observe(fidelity);
    }

    public void Expired(string sessionClass) => Expired(sessionClass, 1);

    /// <summary>
    /// Counts <paramref name="pairs"/> pairs of the class discarded by the cutoff (0 creates the class's series, as its
    /// first expiry would: a session partition counts its own and adds them at a sync point).
    /// </summary>
    public void Expired(string sessionClass, long pairs)
    {
        _expired.Add(pairs, new KeyValuePair<string, object?>("session_class", sessionClass));
        // Found once per class and kept (a cutoff is frequent on long paths): same series, created at the same point.
        ref var series = ref CollectionsMarshal.GetValueRefOrAddDefault(_expiredSeries, sessionClass, out _);
        series ??= Tallies.Of(MetricCatalogue.Total(MetricCatalogue.MemoryPairsExpired), "session_class", sessionClass);
        series.Value += pairs;
    }

    /// <summary>
    /// True while something listens to the twin's meter (<c>qnet up</c>'s exporter, a test's listener): its instruments
    /// then record each measurement, in the order they happen. Safe to read from a session partition's thread.
    /// </summary>
    public bool Listened => _linkPairs.Enabled || _linkFidelity.Enabled || _heraldLatency.Enabled || _swapAttempts.Enabled || _swapSuccesses.Enabled
        || _sessionPairs.Enabled || _sessionFidelity.Enabled || _expired.Enabled || Detectors.Listened || SessionTargets.Listened;

    /// <summary>Counts <paramref name="pairs"/> pairs of a session class lost from memories for <paramref name="reason"/> (a catalogue value).</summary>
    public void PairsLost(string sessionClass, string reason, long pairs)
    {
        _lost.Add(pairs, new KeyValuePair<string, object?>("session_class", sessionClass), new KeyValuePair<string, object?>("reason", reason));
        Tallies.Add(MetricCatalogue.Total(MetricCatalogue.MemoryPairsLost), new Dictionary<string, string> { ["session_class"] = sessionClass, ["reason"] = reason }, pairs);
    }

    public void Request(string sessionClass, string outcome)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("session_class", sessionClass), new KeyValuePair<string, object?>("outcome", outcome));
        Tallies.Add(MetricCatalogue.Total(MetricCatalogue.SessionRequests), new Dictionary<string, string> { ["session_class"] = sessionClass, ["outcome"] = outcome }, 1);
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>Gauge values published by the twin; immutable, swapped whole.</summary>
internal sealed record GaugeReadings(
    Measurement<double>[] Transmittance,
    Measurement<double>[] CoherenceSeconds,
    Measurement<double>[] Drift,
    double SimulatedSeconds,
    double LagSeconds)
{
    public static GaugeReadings Empty { get; } = new([], [], [], 0, 0);

    /// <summary>Link health per link, 1 up or 0 down (<see cref="MetricCatalogue.LinkUp"/>).</summary>
    public Measurement<double>[] LinkUp { get; init; } = [];

    /// <summary>Simulated seconds left before the twin's clock ends (<see cref="MetricCatalogue.TwinClockRemainingSeconds"/>); none before the first step.</summary>
    public Measurement<double>[] ClockRemainingSeconds { get; init; } = [];
}
