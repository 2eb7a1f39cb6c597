using QNet.Sre.Rules;
using QNet.Sre.Specs;

namespace QNet.Sre.Evaluation;

/// <summary>One element of an instant vector: metric name ("" once an operator dropped it), labels and value.</summary>
internal readonly record struct VectorElement(string Metric, LabelSet Labels, double Value);

/// <summary>
/// Evaluates <see cref="Expr"/> trees at an instant with Prometheus 2.x semantics: 5-minute lookback for
/// instant selectors, closed ranges [t − range, t], stale markers skipped, rate()/increase() with Prometheus'
/// extrapolation (<see cref="RateMath"/>), aggregation over series in label order, NaN comparisons false.
/// </summary>
internal sealed class PromQlEngine(Func<MetricSelector, long, long, IReadOnlyList<SeriesSamples>> source)
{
    /// <summary>Prometheus' default lookback for instant selectors, in ms.</summary>
    public const long LookbackMs = 5 * 60 * 1000;

    /// <summary>Evaluates to a vector; a bare number is an error here (rules never produce scalars).</summary>
    public List<VectorElement> EvaluateVector(Expr e, long t) =>
        Evaluate(e, t) is List<VectorElement> v ? v : throw new InvalidOperationException("expression yields a scalar, not a vector");

    private object Evaluate(Expr e, long t) => e switch
    {
        NumberExpr n => n.Value,
        SelectorExpr s => Instant(s.Selector, t - (long)s.Offset.TotalMilliseconds),
        RangeExpr r => Range(r, t),
        AggregateExpr a => Aggregate(a, t),
        BinaryExpr b => Binary(b, t),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    private IReadOnlyList<SeriesSamples> Select(MetricSelector sel, long start, long end) => source(sel, start, end);

    private List<VectorElement> Instant(MetricSelector sel, long t)
    {
        var result = new List<VectorElement>();
        foreach (var s in Select(sel, t - LookbackMs, t))
        {
            var i = s.Samples.Count - 1;
            while (i >= 0 && s.Samples[i].UnixMs > t)
            {
                i--;
            }

            var last = i >= 0 ? s.Samples[i] : default;
            if (i >= 0 && last.UnixMs >= t - LookbackMs && !RateMath.IsStale(last.Value))
            {
                result.Add(new VectorElement(s.Metric, s.Key ?? new LabelSet(s.Labels), last.Value));
            }
        }

        return result;
    }

    private List<VectorElement> Range(RangeExpr r, long t)
    {
        var rangeMs = (long)r.Range.TotalMilliseconds;
        var result = new List<VectorElement>();
        foreach (var s in Select(r.Selector, t - rangeMs, t))
        {
            var points = InRange(s.Samples, t - rangeMs, t);
            double? value = r.Function switch
            {
                RangeFunction.Rate => RateMath.ExtrapolatedRate(points, t - rangeMs, t, isRate: true),
                RangeFunction.Increase => RateMath.ExtrapolatedRate(points, t - rangeMs, t, isRate: false),
                RangeFunction.SumOverTime => RateMath.SumOverTime(points),
                RangeFunction.PredictLinear => RateMath.PredictLinear(points, t, r.Horizon.TotalSeconds),
                _ => RateMath.AvgOverTime(points),
            };
            if (value is not null)
            {
                result.Add(new VectorElement("", s.Key ?? new LabelSet(s.Labels), value.Value));
            }
        }

        return result;
    }

    /// <summary>The samples in [start, end] without stale markers; the source list itself when it already is exactly that.</summary>
    private static IReadOnlyList<MetricSample> InRange(IReadOnlyList<MetricSample> samples, long start, long end)
    {
        var clean = samples.Count == 0 || (samples[0].UnixMs >= start && samples[^1].UnixMs <= end);
        if (samples is InMemoryMetricHistory.SampleView view)
        {
            clean = clean && !view.HasStale; // counted as the samples were stored, not looped over at every evaluation
        }
        else
        {
            for (var i = 0; clean && i < samples.Count; i++)
            {
                clean = !RateMath.IsStale(samples[i].Value);
            }
        }

        if (clean)
        {
            return samples;
        }

        var list = new List<MetricSample>(samples.Count);
        foreach (var x in samples)
        {
            if (x.UnixMs >= start && x.UnixMs <= end && !RateMath.IsStale(x.Value))
            {
                list.Add(x);
            }
        }

        return list;
    }

    private List<VectorElement> Aggregate(AggregateExpr a, long t)
    {
        var input = EvaluateVector(a.Inner, t);
        var groups = new Dictionary<LabelSet, double>();
        var order = new List<LabelSet>();
        foreach (var el in input.OrderBy(x => x.Labels, Comparer<LabelSet>.Create((x, y) => x.CompareTo(y))))
        {
            var key = el.Labels.Keep(a.By);
            if (!groups.TryGetValue(key, out var acc))
            {
                groups[key] = el.Value;
                order.Add(key);
                continue;
            }

            groups[key] = a.Op switch
            {
                Aggregation.Sum => acc + el.Value,
                Aggregation.Min => acc > el.Value || double.IsNaN(acc) ? el.Value : acc,
                _ => acc < el.Value || double.IsNaN(acc) ? el.Value : acc,
            };
        }

        return order.Select(k => new VectorElement("", k, groups[k])).ToList();
    }

    private List<VectorElement> Binary(BinaryExpr b, long t)
    {
        var left = Evaluate(b.Left, t);
        var right = Evaluate(b.Right, t);
        var comparison = b.Op is BinaryOp.Gt or BinaryOp.Gte or BinaryOp.Lt or BinaryOp.Lte or BinaryOp.Eql;
        var result = new List<VectorElement>();
        if (b.Op is BinaryOp.And or BinaryOp.Unless)
        {
            LabelSet Signature(VectorElement x) => b.On is { } on ? x.Labels.Keep(on) : x.Labels;
            var keys = ((List<VectorElement>)right).Select(Signature).ToHashSet();
            return ((List<VectorElement>)left).Where(x => keys.Contains(Signature(x)) == (b.Op == BinaryOp.And)).ToList();
        }

        if (left is List<VectorElement> lv && right is List<VectorElement> rv)
        {
            var byLabels = rv.ToDictionary(x => x.Labels, x => x.Value);
            foreach (var l in lv)
            {
                if (byLabels.TryGetValue(l.Labels, out var r))
                {
                    Emit(result, b, l, l.Value, r, comparison, keepLeftValue: true);
                }
            }

            return result;
        }

        if (left is List<VectorElement> lvs)
        {
            var r = (double)right;
            foreach (var l in lvs)
            {
                Emit(result, b, l, l.Value, r, comparison, keepLeftValue: true);
            }

            return result;
        }

        var scalar = (double)left;
        foreach (var r in (List<VectorElement>)right)
        {
            Emit(result, b, r, scalar, r.Value, comparison, keepLeftValue: false);
        }

        return result;
    }

    private static void Emit(List<VectorElement> result, BinaryExpr b, VectorElement el, double l, double r, bool comparison, bool keepLeftValue)
    {
        if (!comparison)
        {
            var v = b.Op switch { BinaryOp.Add => l + r, BinaryOp.Sub => l - r, BinaryOp.Mul => l * r, _ => l / r };
            result.Add(el with { Metric = "", Value = v });
            return;
        }

        var holds = b.Op switch
        {
            BinaryOp.Gt => l > r,
            BinaryOp.Gte => l >= r,
            BinaryOp.Lt => l < r,
            BinaryOp.Lte => l <= r,
            _ => l == r,
        };
        if (b.ReturnBool)
        {
            result.Add(el with { Metric = "", Value = holds ? 1 : 0 });
        }
        else if (holds)
        {
            result.Add(el with { Value = keepLeftValue ? l : r });
        }
    }
}
