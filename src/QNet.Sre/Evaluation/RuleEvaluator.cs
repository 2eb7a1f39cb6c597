using QNet.Sre.Rules;
using QNet.Sre.Specs;

namespace QNet.Sre.Evaluation;

/// <summary>
/// Runs rule groups the way Prometheus' rule manager does: at each evaluation instant every group runs its rules
/// in order; recording-rule output is stored (with stale markers when a series disappears) and visible to the
/// following rules; alerts go pending when their expression returns a series, fire once it has held for the
/// rule's <c>for</c>, and resolve when it stops returning the series (resolved alerts are kept 15 minutes).
/// </summary>
internal sealed class RuleEvaluator
{
    private static readonly TimeSpan ResolvedRetention = TimeSpan.FromMinutes(15);
    private readonly IReadOnlyList<RuleGroup> _groups;
    private readonly IMetricHistory _history;
    private readonly InMemoryMetricHistory _recorded = new();
    private readonly Dictionary<string, HashSet<LabelSet>> _lastRecorded = [];
    private readonly Dictionary<AlertingRule, Dictionary<LabelSet, AlertState>> _active = [];
    private readonly PromQlEngine _engine;
    private readonly long _maxRangeMs;

    public RuleEvaluator(IReadOnlyList<RuleGroup> groups, IMetricHistory history)
    {
        _groups = groups;
        _history = history;
        _engine = new PromQlEngine(Source);
        _maxRangeMs = (long)groups.SelectMany(g => g.Rules).Select(r => MaxRange(r.Expr)).DefaultIfEmpty(TimeSpan.Zero).Max().TotalMilliseconds;
    }

    /// <summary>Time of the last evaluation (Unix ms), or null before the first.</summary>
    public long? LastEvaluation { get; private set; }

    /// <summary>All alerts currently held (pending, firing, and recently resolved).</summary>
    public IReadOnlyList<AlertState> Alerts => _active.Values.SelectMany(d => d.Values).ToList();

    /// <summary>Firing alerts only (what <c>promtool test rules</c> compares).</summary>
    public IReadOnlyList<AlertState> Firing => Alerts.Where(a => a.Status == AlertStatus.Firing).ToList();

    /// <summary>Values of a recorded series of one SLO at the last evaluation, keyed by the labels other than <c>slo</c>.</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)> Recorded(string record, string slo)
    {
        if (LastEvaluation is not { } t)
        {
            return [];
        }

        return _engine.EvaluateVector(new SelectorExpr(RuleNames.Recorded(record, slo)), t)
            .Select(e => ((IReadOnlyDictionary<string, string>)e.Labels.ToDictionary().Where(kv => kv.Key != "slo").ToDictionary(), e.Value))
            .ToList();
    }

    /// <summary>Evaluates every group at <paramref name="unixMs"/>; instants must increase.</summary>
    public void EvaluateAt(long unixMs)
    {
        if (unixMs <= LastEvaluation)
        {
            throw new ArgumentOutOfRangeException(nameof(unixMs), "evaluation instants must increase");
        }

        var ts = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
        foreach (var group in _groups)
        {
            foreach (var rule in group.Rules)
            {
                var result = _engine.EvaluateVector(rule.Expr, unixMs);
                if (rule is RecordingRule rec)
                {
                    Record(rec, result, unixMs);
                }
                else
                {
                    UpdateAlerts((AlertingRule)rule, result, ts);
                }
            }
        }

        LastEvaluation = unixMs;
        _recorded.Prune(unixMs - _maxRangeMs - PromQlEngine.LookbackMs);
    }

    private IReadOnlyList<SeriesSamples> Source(MetricSelector selector, long start, long end) =>
        selector.Metric.Contains(':', StringComparison.Ordinal) ? _recorded.Query(selector, start, end) : _history.Query(selector, start, end);

    private void Record(RecordingRule rule, List<VectorElement> result, long t)
    {
        var key = rule.Record + "\xff" + string.Join(",", rule.Labels.Select(kv => kv.Key + "=" + kv.Value));
        var now = new HashSet<LabelSet>();
        foreach (var el in result)
        {
            var labels = el.Labels.With(rule.Labels);
            now.Add(labels);
            _recorded.Add(rule.Record, labels, t, el.Value);
        }

        if (_lastRecorded.TryGetValue(key, out var before))
        {
            foreach (var gone in before.Where(l => !now.Contains(l)))
            {
                _recorded.Add(rule.Record, gone, t, RateMath.StaleMarker);
            }
        }

        _lastRecorded[key] = now;
    }

    private void UpdateAlerts(AlertingRule rule, List<VectorElement> result, DateTimeOffset ts)
    {
        if (!_active.TryGetValue(rule, out var active))
        {
            active = [];
            _active[rule] = active;
        }

        var seen = new HashSet<LabelSet>();
        foreach (var el in result)
        {
            var labels = el.Labels.With(rule.Labels).With(new Dictionary<string, string> { ["alertname"] = rule.Alert });
            seen.Add(labels);
            if (active.TryGetValue(labels, out var existing) && existing.Status != AlertStatus.Inactive)
            {
                active[labels] = existing with { Value = el.Value };
                continue;
            }

            active[labels] = new AlertState(rule.Alert, labels.ToDictionary(), rule.Annotations, AlertStatus.Pending, ts, null, null, el.Value);
        }

        foreach (var (labels, alert) in active.ToList())
        {
            if (!seen.Contains(labels))
            {
                if (alert.Status == AlertStatus.Pending || (alert.ResolvedAt is { } r && ts - r > ResolvedRetention))
                {
                    active.Remove(labels);
                }
                else if (alert.Status != AlertStatus.Inactive)
                {
                    active[labels] = alert with { Status = AlertStatus.Inactive, ResolvedAt = ts };
                }

                continue;
            }

            if (alert.Status == AlertStatus.Pending && ts - alert.ActiveAt >= rule.For)
            {
                active[labels] = alert with { Status = AlertStatus.Firing, FiredAt = ts };
            }
        }
    }

    private static TimeSpan MaxRange(Expr e) => e switch
    {
        RangeExpr r => r.Range,
        AggregateExpr a => MaxRange(a.Inner),
        BinaryExpr b => MaxRange(b.Left) > MaxRange(b.Right) ? MaxRange(b.Left) : MaxRange(b.Right),
        _ => TimeSpan.Zero,
    };
}
