using System.Text.Json;
using QNet.ControlPlane.Storage;
using QNet.Sre.Evaluation;
using QNet.Sre.Specs;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// The metric history the in-process SLO evaluator and the dashboard read: every <see cref="SampleInterval"/> of
/// twin time the twin's cumulative series (<see cref="TallyBook"/>) are sampled, as a Prometheus scrape would.
/// Samples stay in memory for <see cref="Retention"/> (the longest burn-rate window, 3 days, plus margin) and are
/// pruned after; one sample per <see cref="PersistInterval"/> per series goes to the store (downsampled), and is
/// loaded back on start. Thread-safe: written by the simulation thread, read by the evaluator and the API.
/// </summary>
internal sealed class TwinHistory : IMetricHistory
{
    /// <summary>Twin time between samples.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(15);

    /// <summary>Twin time between persisted samples.</summary>
    public static readonly TimeSpan PersistInterval = TimeSpan.FromMinutes(1);

    /// <summary>How long samples are kept in memory.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3) + TimeSpan.FromHours(1);

    private readonly InMemoryMetricHistory _inner = new();
    // The stored series each tally series is sampled into, found at its first sample (by reference: a series dropped and made
    // again is a new tally series, found again by its name and labels).
    private readonly Dictionary<TallyBook.Series, InMemoryMetricHistory.Appender> _stored = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();
    private long _nextSample = long.MinValue;
    private long _nextPersist = long.MinValue;
    private long _nextPrune = long.MinValue;

    /// <summary>
    /// False when nothing is persisted (an offline run): <see cref="SampleIfDue"/> then returns no records to store,
    /// instead of serialising every series' labels once a simulated minute for nothing.
    /// </summary>
    public bool Persists { get; init; } = true;

    /// <summary>Samples taken.</summary>
    public long Samples { get; private set; }

    public IReadOnlyList<SeriesSamples> Query(string metric, long startUnixMs, long endUnixMs)
    {
        lock (_gate)
        {
            return _inner.Query(metric, startUnixMs, endUnixMs);
        }
    }

    public IReadOnlyList<SeriesSamples> Query(MetricSelector selector, long startUnixMs, long endUnixMs)
    {
        lock (_gate)
        {
            return _inner.Query(selector, startUnixMs, endUnixMs);
        }
    }

    /// <summary>Loads persisted samples.</summary>
    public void Load(IEnumerable<SampleRecord> samples)
    {
        lock (_gate)
        {
            foreach (var s in samples)
            {
                _inner.Add(s.Metric, JsonSerializer.Deserialize<Dictionary<string, string>>(s.LabelsJson) ?? [], s.UnixMs, s.Value);
            }
        }
    }

    /// <summary>
    /// Called on the simulation thread just before each sample, to set gauges whose state lives outside the twin (the
    /// node agents' reachability) in the tally book, so the in-process rules see them like the twin's own series.
    /// </summary>
    public Action<TallyBook>? BeforeSample { get; set; }

    /// <summary>Samples the tallies if due at <paramref name="unixMs"/>; returns the samples to persist (empty when none are due) or null if no sample was taken.</summary>
    public List<SampleRecord>? SampleIfDue(TallyBook tallies, long unixMs)
    {
        if (unixMs < _nextSample)
        {
            return null;
        }
        BeforeSample?.Invoke(tallies);
        long step = (long)SampleInterval.TotalMilliseconds;
        _nextSample = unixMs - unixMs % step + step;
        bool persist = Persists && unixMs >= _nextPersist;
        var toPersist = new List<SampleRecord>();
        lock (_gate)
        {
            foreach (var s in tallies.All)
            {
                ref var stored = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_stored, s, out _);
                (stored ??= _inner.SeriesOf(s.Metric, s.Labels)).Add(unixMs, s.Value);
                if (persist)
                {
                    toPersist.Add(new SampleRecord(s.Metric, JsonSerializer.Serialize(s.Labels), unixMs, s.Value));
                }
            }
            if (unixMs >= _nextPrune)
            {
                _inner.Prune(unixMs - (long)Retention.TotalMilliseconds);
                _nextPrune = unixMs + (long)TimeSpan.FromMinutes(10).TotalMilliseconds;
            }
        }
        if (persist)
        {
            _nextPersist = unixMs + (long)PersistInterval.TotalMilliseconds;
        }
        Samples++;
        return toPersist;
    }
}
