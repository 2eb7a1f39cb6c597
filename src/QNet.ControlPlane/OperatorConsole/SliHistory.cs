namespace QNet.ControlPlane.OperatorConsole;

/// <summary>One series of the console's history.</summary>
/// <param name="Metric">A <see cref="QNet.Sre.MetricCatalogue"/> name.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="Times">Sample times, Unix milliseconds of the twin clock, oldest first.</param>
/// <param name="Values">Values in the series' unit (see docs/console.md#history).</param>
public sealed record SliSeries(string Metric, IReadOnlyDictionary<string, string> Labels, long[] Times, double[] Values);

/// <summary>
/// The console's compact recent history: one <see cref="SliRing"/> of <see cref="Capacity"/> samples per series, one
/// sample per <see cref="Resolution"/> of twin time (75 minutes at 5 s), at most <see cref="MaxSeries"/> series; a series
/// beyond that is not kept (counted in <see cref="RefusedSeries"/>). The memory is therefore bounded by
/// <see cref="BoundBytes"/> = 256 × 900 × 16 B = 3,686,400 B (about 3.7 MB) of samples, plus the series keys.
/// Written by the samplers, read by <c>GET /api/v1/history</c>; thread-safe.
/// </summary>
internal sealed class SliHistory
{
    /// <summary>Twin time between samples of a series.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromSeconds(5);

    /// <summary>Samples kept per series: 900 × 5 s = 75 minutes, over the hour the console shows by default.</summary>
    public const int Capacity = 900;

    /// <summary>Series kept at most (the metro network needs about 60).</summary>
    public const int MaxSeries = 256;

    /// <summary>Upper bound of the sample arrays, in bytes.</summary>
    public const long BoundBytes = (long)MaxSeries * Capacity * SliRing.BytesPerSample;

    private readonly Dictionary<string, (string Metric, IReadOnlyDictionary<string, string> Labels, SliRing Ring)> _series = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>New series refused because <see cref="MaxSeries"/> were held.</summary>
    public long RefusedSeries { get; private set; }

    /// <summary>The metric names held.</summary>
    public IReadOnlyList<string> Metrics
    {
        get
        {
            lock (_gate)
            {
                return _series.Values.Select(s => s.Metric).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Appends a sample to the series of <paramref name="metric"/> and <paramref name="labels"/>; non-finite values are skipped.</summary>
    public void Record(string metric, IReadOnlyDictionary<string, string> labels, long unixMs, double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }
        var key = metric + "{" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
        lock (_gate)
        {
            if (!_series.TryGetValue(key, out var series))
            {
                if (_series.Count >= MaxSeries)
                {
                    RefusedSeries++;
                    return;
                }
                series = (metric, new Dictionary<string, string>(labels, StringComparer.Ordinal), new SliRing(Capacity));
                _series[key] = series;
            }
            series.Ring.Add(unixMs, value);
        }
    }

    /// <summary>Every series of <paramref name="metric"/> carrying all of <paramref name="labels"/>, samples at or after <paramref name="sinceUnixMs"/>.</summary>
    public IReadOnlyList<SliSeries> Query(string metric, IReadOnlyDictionary<string, string> labels, long sinceUnixMs)
    {
        lock (_gate)
        {
            return _series.Values
                .Where(s => s.Metric == metric && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
                .Select(s =>
                {
                    var (times, values) = s.Ring.Since(sinceUnixMs);
                    return new SliSeries(s.Metric, s.Labels, times, values);
                })
                .OrderBy(s => string.Join(",", s.Labels.Values), StringComparer.Ordinal)
                .ToArray();
        }
    }
}
