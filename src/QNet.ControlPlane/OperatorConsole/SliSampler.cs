using QNet.Sre;

namespace QNet.ControlPlane.OperatorConsole;

/// <summary>
/// Feeds <see cref="SliHistory"/> from the twin every <see cref="SliHistory.Resolution"/> of twin time, on the
/// simulation thread (it reads the twin's tallies, which only that thread touches). Counters become per-second rates
/// over the interval, fidelity the mean of the pairs heralded in it; the series and their units are listed in
/// docs/console.md#history. Timestamps are the twin clock's Unix milliseconds.
/// </summary>
internal sealed class SliSampler(SliHistory history, ApiLatencyRecorder api)
{
    private readonly Dictionary<string, double> _previous = new(StringComparer.Ordinal);
    private long _nextSample = long.MinValue;
    private long _lastSample = long.MinValue;

    /// <summary>Samples if due at <paramref name="unixMs"/>; returns whether it did.</summary>
    public bool SampleIfDue(Twin.Twin twin, long unixMs)
    {
        if (unixMs < _nextSample)
        {
            return false;
        }
        long step = (long)SliHistory.Resolution.TotalMilliseconds;
        _nextSample = unixMs - unixMs % step + step;
        double seconds = _lastSample == long.MinValue ? 0 : (unixMs - _lastSample) / 1000.0;
        _lastSample = unixMs;
        var snapshot = twin.Snapshot;
        foreach (var link in snapshot.Links)
        {
            var labels = Labels("link", link.Id);
            history.Record(MetricCatalogue.LinkUp, labels, unixMs, link.Up ? 1 : 0);
            history.Record(MetricCatalogue.LinkTransmittanceRatio, labels, unixMs, link.Transmittance);
            history.Record(MetricCatalogue.CalibrationDriftRatio, labels, unixMs, link.CalibrationDrift);
            // Pairs and the fidelity sum are cumulative: their differences over the interval give its rate and mean.
            double fidelitySum = (link.MeanFidelity ?? 0) * link.PairsGenerated;
            if (Delta("pairs|" + link.Id, link.PairsGenerated, seconds) is { } pairs)
            {
                history.Record(MetricCatalogue.LinkPairsGenerated, labels, unixMs, pairs.Rate);
                if (Delta("fsum|" + link.Id, fidelitySum, seconds) is { } sum && pairs.Difference > 0)
                {
                    history.Record(MetricCatalogue.LinkPairFidelity, labels, unixMs, sum.Difference / pairs.Difference);
                }
            }
            else
            {
                Delta("fsum|" + link.Id, fidelitySum, seconds);
            }
        }
        foreach (var (link, clicks) in twin.Metrics.Detectors.TotalClicks)
        {
            if (Delta("clicks|" + link, clicks, seconds) is { } rate)
            {
                history.Record(MetricCatalogue.DetectorClicks, Labels("link", link), unixMs, rate.Rate);
            }
        }
        foreach (var (link, floor) in twin.Metrics.Detectors.Floors)
        {
            history.Record(MetricCatalogue.DetectorDarkCountFloorHertz, Labels("link", link), unixMs, floor);
        }
        foreach (var series in twin.Metrics.Tallies.All)
        {
            if (series.Labels.TryGetValue("node", out var node)
                && (series.Metric == MetricCatalogue.Total(MetricCatalogue.SwapAttempts) || series.Metric == MetricCatalogue.Total(MetricCatalogue.SwapSuccesses))
                && Delta(series.Metric + "|" + node, series.Value, seconds) is { } swaps)
            {
                history.Record(series.Metric[..^"_total".Length], Labels("node", node), unixMs, swaps.Rate);
            }
            else if (series.Metric == MetricCatalogue.Total(MetricCatalogue.SessionPairsDelivered) && series.Labels.TryGetValue("session_class", out var sessionClass)
                && Delta("delivered|" + sessionClass, series.Value, seconds) is { } delivered)
            {
                history.Record(MetricCatalogue.SessionPairsDelivered, Labels("session_class", sessionClass), unixMs, delivered.Rate);
            }
        }
        var interval = api.Take();
        if (seconds > 0)
        {
            history.Record(MetricCatalogue.HttpServerRequestDurationSeconds, Labels("stat", "requests_per_second"), unixMs, interval.Requests / seconds);
            history.Record(MetricCatalogue.HttpServerRequestDurationSeconds, Labels("stat", "errors_per_second"), unixMs, interval.Errors / seconds);
        }
        if (interval.P95Seconds is { } p95)
        {
            history.Record(MetricCatalogue.HttpServerRequestDurationSeconds, Labels("stat", "p95"), unixMs, p95);
            history.Record(MetricCatalogue.HttpServerRequestDurationSeconds, Labels("stat", "p99"), unixMs, interval.P99Seconds!.Value);
        }
        return true;
    }

    private static Dictionary<string, string> Labels(string name, string value) => new(StringComparer.Ordinal) { [name] = value };

    // The change of a cumulative value since the previous sample and its rate per second; null on the first sample
    // (no interval yet) or when the value went down (a restart of the count).
    private (double Difference, double Rate)? Delta(string key, double value, double seconds)
    {
        bool known = _previous.TryGetValue(key, out var before);
        _previous[key] = value;
        if (!known || seconds <= 0 || value < before)
        {
            return null;
        }
        return (value - before, (value - before) / seconds);
    }
}
