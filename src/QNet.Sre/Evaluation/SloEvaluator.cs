using QNet.Sre.Rules;
using QNet.Sre.Specs;

namespace QNet.Sre.Evaluation;

/// <summary>
/// QNet's in-process SLO engine for <c>qnet up</c>: evaluates the same rules Prometheus would run, at every
/// multiple of the evaluation interval (Unix epoch aligned, as promtool does), catching up when ticked late,
/// and computes error budgets from the metric history with maintenance windows excluded.
/// </summary>
public sealed class SloEvaluator
{
    private static readonly TimeSpan MaxCatchUp = TimeSpan.FromDays(1);
    private readonly SpecSet _specs;
    private readonly IMetricHistory _history;
    private readonly TimeProvider _time;
    private readonly RuleEvaluator _rules;
    private readonly long _stepMs;

    public SloEvaluator(SpecSet specs, IMetricHistory history, TimeProvider time, RuleOptions? options = null)
    {
        _specs = specs;
        _history = history;
        _time = time;
        options ??= RuleOptions.Default;
        var groups = RuleBuilder.Build(specs, options);
        _rules = new RuleEvaluator(groups, history);
        AlertNames = groups.SelectMany(g => g.Rules).OfType<AlertingRule>().Select(r => r.Alert).Distinct(StringComparer.Ordinal).ToArray();
        _stepMs = (long)options.EvaluationInterval.TotalMilliseconds;
    }

    /// <summary>The name of every alert the rules can raise, in rule order (an experiment file's alert names are checked against it).</summary>
    public IReadOnlyList<string> AlertNames { get; }

    /// <summary>Alerts held by the rule engine (pending, firing, recently resolved).</summary>
    public IReadOnlyList<AlertState> Alerts => _rules.Alerts;

    /// <summary>Evaluates every due instant up to now (at most one day of catch-up); returns the number of evaluations run.</summary>
    public int Tick()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var last = now - (now % _stepMs);
        var first = _rules.LastEvaluation is { } l ? l + _stepMs : last;
        first = Math.Max(first, last - (long)MaxCatchUp.TotalMilliseconds);
        var n = 0;
        for (var t = first; t <= last; t += _stepMs)
        {
            _rules.EvaluateAt(t);
            n++;
        }

        return n;
    }

    /// <summary>Budget status of every SLO and group at the current time, with the burn rates of the last evaluation.</summary>
    public IReadOnlyList<SloStatus> Status()
    {
        var result = new List<SloStatus>();
        foreach (var slo in _specs.Slos)
        {
            var windows = slo.Conditions.SelectMany(c => new[] { c.ShortWindow, c.LongWindow }).Distinct().Order().ToList();
            var ratios = windows.ToDictionary(w => w, w => _rules.Recorded(RuleNames.ErrorRatio(w), slo.Name));
            foreach (var status in ErrorBudgetCalculator.Compute(slo, _history, _specs.MaintenanceWindows, _time.GetUtcNow()))
            {
                var burn = new Dictionary<string, double>();
                foreach (var w in windows)
                {
                    var match = ratios[w].Where(r => SameGroup(r.Labels, status.Group)).Select(r => (double?)r.Value).FirstOrDefault();
                    if (match is { } ratio)
                    {
                        burn[DurationText.Format(w)] = ratio / slo.Objective.ErrorBudget;
                    }
                }

                result.Add(status with { BurnRates = burn });
            }
        }

        return result;
    }

    private static bool SameGroup(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
