using QNet.Sre;
using QNet.Sre.Evaluation;

namespace QNet.ControlPlane.GameDays;

/// <summary>One probe reading: a number (null when the window holds no data) or, for an alert probe, a state.</summary>
internal readonly record struct ProbeReading(double? Value, string? State)
{
    public bool Holds(Tolerance? tolerance) => tolerance is null || (State is { } s ? tolerance.Holds(s) : tolerance.Holds(Value));

    public override string ToString() => State ?? (Value is { } v ? v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : "no data");
}

/// <summary>
/// Reads probes on a game-day target (offline or live, <see cref="IGameDayTarget"/>): SLIs M1–M10 from its metric history over the probe's window (counters
/// by their increase, gauges by their mean, histograms by sum over count), budgets from the SLO monitor, alert states,
/// session outcomes and QKD key bits. Series are those whose labels include every selector label.
/// </summary>
internal sealed class ProbeReader(IGameDayTarget twin)
{
    public ProbeReading Read(ProbeSpec probe) => probe.Kind switch
    {
        ProbeKind.Sli => new(Sli(probe.Sli!.Value, probe.Selector, probe.WindowSeconds), null),
        ProbeKind.Budget => new(Budget(probe.Slo!, probe.Selector), null),
        ProbeKind.Alert => new(null, Alert(probe.Alert!, probe.Selector)),
        ProbeKind.Sessions => new(twin.CountSessions(probe.Outcome!.Value, probe.Selector.GetValueOrDefault("session")), null),
        _ => new(KeyBits(probe.WindowSeconds), null),
    };

    /// <summary>The SLI over the last <paramref name="windowSeconds"/>; null without data.</summary>
    public double? Sli(Sli sli, IReadOnlyDictionary<string, string> selector, double windowSeconds)
    {
        long end = twin.UnixMs;
        long start = end - (long)(windowSeconds * 1000);
        return sli switch
        {
            GameDays.Sli.M1 => Rate(MetricCatalogue.Total(MetricCatalogue.LinkPairsGenerated), selector, start, end),
            GameDays.Sli.M2 => Ratio(Increase(MetricCatalogue.Total(MetricCatalogue.SessionPairsJudged), With(selector, "target", "met"), start, end),
                Increase(MetricCatalogue.Total(MetricCatalogue.SessionPairsJudged), selector, start, end)),
            GameDays.Sli.M3 => Worst(MetricCatalogue.LinkTransmittanceRatio, selector, start, end, lowest: true),
            GameDays.Sli.M4 => Ratio(Increase(MetricCatalogue.Total(MetricCatalogue.SwapSuccesses), selector, start, end),
                Increase(MetricCatalogue.Total(MetricCatalogue.SwapAttempts), selector, start, end)),
            GameDays.Sli.M5 => Worst(MetricCatalogue.MemoryCoherenceTimeSeconds, selector, start, end, lowest: true),
            GameDays.Sli.M6 => Ratio(Increase(MetricCatalogue.HeraldingLatencySeconds + "_sum", selector, start, end),
                Increase(MetricCatalogue.HeraldingLatencySeconds + "_count", selector, start, end)),
            GameDays.Sli.M7 => Ratio(Increase(MetricCatalogue.Total(MetricCatalogue.SessionRequests), With(selector, "outcome", "completed"), start, end),
                Sum(Increase(MetricCatalogue.Total(MetricCatalogue.SessionRequests), With(selector, "outcome", "completed"), start, end),
                    Increase(MetricCatalogue.Total(MetricCatalogue.SessionRequests), With(selector, "outcome", "failed"), start, end))),
            GameDays.Sli.M8 => Ratio(Increase(MetricCatalogue.KmsKeyDeliverySeconds + "_sum", selector, start, end),
                Increase(MetricCatalogue.KmsKeyDeliverySeconds + "_count", selector, start, end)),
            GameDays.Sli.M9 => Ratio(Increase(MetricCatalogue.HttpServerRequestDurationSeconds + "_sum", selector, start, end),
                Increase(MetricCatalogue.HttpServerRequestDurationSeconds + "_count", selector, start, end)),
            _ => Worst(MetricCatalogue.CalibrationDriftRatio, selector, start, end, lowest: false),
        };
    }

    /// <summary>The smallest budget left (0..1) over the SLO's groups that match the selector; null when the SLO has no data.</summary>
    public double? Budget(string slo, IReadOnlyDictionary<string, string> selector)
    {
        var matching = twin.Budgets().Where(s => s.Slo == slo && Matches(s.Group, selector)).ToArray();
        return matching.Length == 0 ? null : matching.Min(s => s.BudgetRemaining);
    }

    /// <summary>inactive, pending or firing: the most advanced state among the alert's instances matching the selector.</summary>
    public string Alert(string name, IReadOnlyDictionary<string, string> selector)
    {
        var states = twin.Alerts.Where(a => a.Name == name && a.Status != "resolved" && Matches(a.Labels, selector)).Select(a => a.Status).ToArray();
        return states.Contains("firing") ? "firing" : states.Contains("pending") ? "pending" : "inactive";
    }

    /// <summary>Secret bits the QKD links distilled over the last <paramref name="windowSeconds"/>.</summary>
    public double? KeyBits(double windowSeconds)
    {
        var samples = twin.KeyBits;
        if (samples.Count == 0)
        {
            return null;
        }
        long start = twin.UnixMs - (long)(windowSeconds * 1000);
        long before = samples.LastOrDefault(s => s.UnixMs <= start).Bits;
        return samples[^1].Bits - before;
    }

    public static bool Matches(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> selector) =>
        selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> selector, string label, string value) =>
        new(selector, StringComparer.Ordinal) { [label] = value };

    // Per second over the span the samples cover (counters only grow; a series first seen in the window starts from 0).
    private double? Rate(string metric, IReadOnlyDictionary<string, string> selector, long start, long end)
    {
        var series = Series(metric, selector, start, end);
        if (series.Count == 0)
        {
            return null;
        }
        double increase = series.Sum(s => s[^1].Value - s[0].Value);
        double span = (series.Max(s => s[^1].UnixMs) - series.Min(s => s[0].UnixMs)) / 1000.0;
        return span > 0 ? increase / span : null;
    }

    private double? Increase(string metric, IReadOnlyDictionary<string, string> selector, long start, long end)
    {
        var series = Series(metric, selector, start, end);
        return series.Count == 0 ? null : series.Sum(s => s[^1].Value - s[0].Value);
    }

    private double? Worst(string metric, IReadOnlyDictionary<string, string> selector, long start, long end, bool lowest)
    {
        var means = Series(metric, selector, start, end).Select(s => s.Average(p => p.Value)).ToArray();
        return means.Length == 0 ? null : lowest ? means.Min() : means.Max();
    }

    private List<IReadOnlyList<MetricSample>> Series(string metric, IReadOnlyDictionary<string, string> selector, long start, long end) => twin.History
        .Query(metric, start, end)
        .Where(s => Matches(s.Labels, selector))
        .Select(s => (IReadOnlyList<MetricSample>)s.Samples.Where(p => !double.IsNaN(p.Value)).ToArray())
        .Where(s => s.Count > 0)
        .ToList();

    private static double? Ratio(double? good, double? all) => good is { } g && all is > 0 ? g / all : all is > 0 ? 0 : null;

    private static double? Sum(double? a, double? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}
