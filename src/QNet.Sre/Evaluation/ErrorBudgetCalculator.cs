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
        foreach (var s in history.Query(sel, from, to))
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
        var complete = (int)((to - from) / slice);
        var counts = new Dictionary<LabelSet, (double Good, double Bad)>();
        foreach (var (group, outcomes) in SliceOutcomes(slo, history, from, slice, complete))
        {
            var labels = group.ToDictionary();
            var windows = mw.Where(w => w.AppliesTo(labels)).ToList();
            var c = counts.GetValueOrDefault(group);
            foreach (var (index, good) in outcomes)
            {
                var touched = false;
                for (var t = from + (index * slice); t < from + ((index + 1) * slice) && !touched && windows.Count > 0; t += 60_000)
                {
                    touched = windows.Any(w => w.IsActive(DateTimeOffset.FromUnixTimeMilliseconds(t)));
                }

                if (!touched)
                {
                    c = good ? (c.Good + 1, c.Bad) : (c.Good, c.Bad + 1);
                }
            }

            counts[group] = c;
        }

        return counts.Select(kv =>
        {
            var n = kv.Value.Good + kv.Value.Bad;
            var allowed = slo.Objective.ErrorBudget * periodSlices;
            return new SloStatus(slo.Name, kv.Key.ToDictionary(), start, end, kv.Value.Good, kv.Value.Bad, n > 0 ? kv.Value.Good / n : null, allowed > 0 ? 1 - (kv.Value.Bad / allowed) : 1, new Dictionary<string, double>());
        }).ToList();
    }

    /// <summary>
    /// Per group, the outcome of each complete slice [from + i × slice, from + (i + 1) × slice) that has data. Counter
    /// increments belong to the slice of the earlier sample of each pair; gauge samples to the slice they fall in.
    /// </summary>
    private static Dictionary<LabelSet, List<(int Index, bool Good)>> SliceOutcomes(Slo slo, IMetricHistory history, long from, long slice, int slices)
    {
        var result = new Dictionary<LabelSet, List<(int, bool)>>();
        var to = from + (slice * slices);
        if (slo.Indicator is RatioSli r)
        {
            var total = SliceIncreases(r.Total, slo.GroupBy, history, from, slice, slices);
            var role = SliceIncreases(r.Bad ?? r.Good!, slo.GroupBy, history, from, slice, slices);
            var maxBad = (double)(1m - (decimal)slo.Objective.TimeSliceTarget!.Value);
            foreach (var (g, totals) in total)
            {
                var roles = role.GetValueOrDefault(g) ?? new double[slices];
                var list = new List<(int, bool)>();
                for (var i = 0; i < slices; i++)
                {
                    if (totals[i] > 0)
                    {
                        var part = double.IsNaN(roles[i]) ? 0 : roles[i];
                        var bad = r.Bad is not null ? part : totals[i] - part;
                        list.Add((i, bad / totals[i] <= maxBad));
                    }
                }

                result[g] = list;
            }

            return result;
        }

        var t = (ThresholdSli)slo.Indicator;
        var op = slo.Objective.Op!.Value;
        var threshold = slo.Objective.Value!.Value;
        var goodAbove = op is ThresholdOp.Gt or ThresholdOp.Gte;
        bool Good(double v) => op switch { ThresholdOp.Gt => v > threshold, ThresholdOp.Gte => v >= threshold, ThresholdOp.Lt => v < threshold, _ => v <= threshold };
        if (t.IsCounter)
        {
            var seconds = slice / 1000.0;
            foreach (var (g, inc) in SliceIncreases(t.Metric, slo.GroupBy, history, from, slice, slices))
            {
                // Slices before the series' first sample are NaN: a young series is not judged on a partial slice.
                result[g] = Enumerable.Range(0, slices).Where(i => !double.IsNaN(inc[i])).Select(i => (i, Good(inc[i] / seconds))).ToList();
            }

            return result;
        }

        var worst = new Dictionary<LabelSet, double[]>();
        foreach (var s in history.Query(t.Metric, from, to - 1))
        {
            var g = new LabelSet(s.Labels).Keep(slo.GroupBy);
            if (!worst.TryGetValue(g, out var w))
            {
                worst[g] = w = Enumerable.Repeat(double.NaN, slices).ToArray();
            }

            foreach (var x in s.Samples)
            {
                var i = (int)((x.UnixMs - from) / slice);
                if (i >= 0 && i < slices && !double.IsNaN(x.Value))
                {
                    w[i] = double.IsNaN(w[i]) ? x.Value : goodAbove ? Math.Min(w[i], x.Value) : Math.Max(w[i], x.Value);
                }
            }
        }

        foreach (var (g, w) in worst)
        {
            result[g] = Enumerable.Range(0, slices).Where(i => !double.IsNaN(w[i])).Select(i => (i, Good(w[i]))).ToList();
        }

        return result;
    }

    /// <summary>Per group and slice, the counter increase charged to it (NaN for slices no series of the group covers whole).</summary>
    private static Dictionary<LabelSet, double[]> SliceIncreases(MetricSelector sel, IReadOnlyList<string> by, IMetricHistory history, long from, long slice, int slices)
    {
        var result = new Dictionary<LabelSet, double[]>();
        foreach (var s in history.Query(sel, from, from + (slice * slices)))
        {
            var g = new LabelSet(s.Labels).Keep(by);
            if (!result.TryGetValue(g, out var inc))
            {
                result[g] = inc = Enumerable.Repeat(double.NaN, slices).ToArray();
            }

            if (s.Samples.Count > 0)
            {
                // Judged: the slices the series covers whole, from its first sample to its last.
                var offset = s.Samples[0].UnixMs - from;
                var firstSlice = offset <= 0 ? 0 : (int)((offset + slice - 1) / slice);
                var lastSlice = (int)Math.Min(slices, (s.Samples[^1].UnixMs - from) / slice);
                for (var i = firstSlice; i < lastSlice; i++)
                {
                    inc[i] = double.IsNaN(inc[i]) ? 0 : inc[i];
                }
            }

            for (var k = 1; k < s.Samples.Count; k++)
            {
                var (prev, cur) = (s.Samples[k - 1], s.Samples[k]);
                var i = (int)((prev.UnixMs - from) / slice);
                if (i >= 0 && i < slices && !double.IsNaN(inc[i]))
                {
                    inc[i] += cur.Value >= prev.Value ? cur.Value - prev.Value : cur.Value;
                }
            }
        }

        return result;
    }
}
