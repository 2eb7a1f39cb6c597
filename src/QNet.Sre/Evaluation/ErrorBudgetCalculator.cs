using QNet.Sre.Specs;

namespace QNet.Sre.Evaluation;

/// <summary>
/// Error budgets over the SLO period from raw history, with maintenance windows left out. Events are counted
/// exactly from sample deltas (no extrapolation; a counter reset counts the new value): the increment between
/// two consecutive samples is charged unless a maintenance window that applies to the group is active at the
/// earlier sample. Time slices are aligned to the period start; a slice touched by maintenance (checked each
/// minute) or without data is not counted.
/// </summary>
internal static class ErrorBudgetCalculator
{
    public static IReadOnlyList<SloStatus> Compute(Slo slo, IMetricHistory history, IReadOnlyList<MaintenanceWindow> maintenance, DateTimeOffset now)
    {
        var (start, periodEnd) = slo.Window.PeriodAt(now);
        var end = periodEnd < now ? periodEnd : now;
        var from = start.ToUnixTimeMilliseconds();
        var to = end.ToUnixTimeMilliseconds();
        return slo.Budgeting == BudgetingMethod.Occurrences
            ? Occurrences(slo, (RatioSli)slo.Indicator, history, maintenance, from, to, start, periodEnd)
            : Timeslices(slo, history, maintenance, from, to, start, periodEnd);
    }

    private static List<SloStatus> Occurrences(Slo slo, RatioSli sli, IMetricHistory history, IReadOnlyList<MaintenanceWindow> mw, long from, long to, DateTimeOffset start, DateTimeOffset end)
    {
        var total = Increases(sli.Total, slo.GroupBy, history, mw, from, to);
        var role = Increases(sli.Bad ?? sli.Good!, slo.GroupBy, history, mw, from, to);
        var result = new List<SloStatus>();
        foreach (var (group, n) in total)
        {
            var r = role.GetValueOrDefault(group);
            var bad = sli.Bad is not null ? r : n - r;
            var good = n - bad;
            var allowed = slo.Objective.ErrorBudget * n;
            result.Add(new SloStatus(slo.Name, group.ToDictionary(), start, end, good, bad, n > 0 ? good / n : null, allowed > 0 ? 1 - (bad / allowed) : 1, new Dictionary<string, double>()));
        }

        return result;
    }

    private static Dictionary<LabelSet, double> Increases(MetricSelector sel, IReadOnlyList<string> by, IMetricHistory history, IReadOnlyList<MaintenanceWindow> mw, long from, long to)
    {
        var sums = new Dictionary<LabelSet, double>();
        foreach (var s in history.Query(sel.Metric, from, to).Where(s => sel.Matches(s.Metric, s.Labels)))
        {
            var group = new LabelSet(s.Labels).Keep(by);
            var windows = mw.Where(w => w.AppliesTo(s.Labels)).ToList();
            double sum = 0;
            for (var i = 1; i < s.Samples.Count; i++)
            {
                var (prev, cur) = (s.Samples[i - 1], s.Samples[i]);
                if (windows.Any(w => w.IsActive(DateTimeOffset.FromUnixTimeMilliseconds(prev.UnixMs))))
                {
                    continue;
                }

                sum += cur.Value >= prev.Value ? cur.Value - prev.Value : cur.Value;
            }

            sums[group] = sums.GetValueOrDefault(group) + sum;
        }

        return sums;
    }

    private static List<SloStatus> Timeslices(Slo slo, IMetricHistory history, IReadOnlyList<MaintenanceWindow> mw, long from, long to, DateTimeOffset start, DateTimeOffset end)
    {
        var slice = (long)slo.Objective.TimeSliceWindow!.Value.TotalMilliseconds;
        var periodSlices = Math.Floor((end - start).TotalMilliseconds / slice);
        var counts = new Dictionary<LabelSet, (double Good, double Bad)>();
        for (var s0 = from; s0 + slice <= to; s0 += slice)
        {
            foreach (var (group, good) in SliceOutcomes(slo, history, s0, s0 + slice))
            {
                var labels = group.ToDictionary();
                var touched = false;
                for (var t = s0; t < s0 + slice && !touched; t += 60_000)
                {
                    touched = mw.Any(w => w.AppliesTo(labels) && w.IsActive(DateTimeOffset.FromUnixTimeMilliseconds(t)));
                }

                if (!touched)
                {
                    var c = counts.GetValueOrDefault(group);
                    counts[group] = good ? (c.Good + 1, c.Bad) : (c.Good, c.Bad + 1);
                }
            }
        }

        return counts.Select(kv =>
        {
            var n = kv.Value.Good + kv.Value.Bad;
            var allowed = slo.Objective.ErrorBudget * periodSlices;
            return new SloStatus(slo.Name, kv.Key.ToDictionary(), start, end, kv.Value.Good, kv.Value.Bad, n > 0 ? kv.Value.Good / n : null, allowed > 0 ? 1 - (kv.Value.Bad / allowed) : 1, new Dictionary<string, double>());
        }).ToList();
    }

    /// <summary>Per group: whether the slice [a, b) met the objective; groups without data in the slice are absent.</summary>
    private static IEnumerable<(LabelSet Group, bool Good)> SliceOutcomes(Slo slo, IMetricHistory history, long a, long b)
    {
        if (slo.Indicator is RatioSli r)
        {
            var total = Increases(r.Total, slo.GroupBy, history, [], a, b);
            var role = Increases(r.Bad ?? r.Good!, slo.GroupBy, history, [], a, b);
            foreach (var (g, n) in total.Where(kv => kv.Value > 0))
            {
                var bad = r.Bad is not null ? role.GetValueOrDefault(g) : n - role.GetValueOrDefault(g);
                yield return (g, bad / n <= (double)(1m - (decimal)slo.Objective.TimeSliceTarget!.Value));
            }

            yield break;
        }

        var t = (ThresholdSli)slo.Indicator;
        var op = slo.Objective.Op!.Value;
        var threshold = slo.Objective.Value!.Value;
        var values = new Dictionary<LabelSet, List<double>>();
        if (t.IsCounter)
        {
            foreach (var (g, inc) in Increases(t.Metric, slo.GroupBy, history, [], a, b))
            {
                values[g] = [inc / ((b - a) / 1000.0)];
            }
        }
        else
        {
            foreach (var s in history.Query(t.Metric.Metric, a, b - 1).Where(s => t.Metric.Matches(s.Metric, s.Labels)))
            {
                var g = new LabelSet(s.Labels).Keep(slo.GroupBy);
                if (!values.TryGetValue(g, out var list))
                {
                    values[g] = list = [];
                }

                list.AddRange(s.Samples.Select(x => x.Value));
            }
        }

        foreach (var (g, list) in values.Where(kv => kv.Value.Count > 0))
        {
            var worst = op is ThresholdOp.Gt or ThresholdOp.Gte ? list.Min() : list.Max();
            var good = op switch { ThresholdOp.Gt => worst > threshold, ThresholdOp.Gte => worst >= threshold, ThresholdOp.Lt => worst < threshold, _ => worst <= threshold };
            yield return (g, good);
        }
    }
}
