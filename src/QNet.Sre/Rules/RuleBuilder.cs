using QNet.Sre.Specs;

namespace QNet.Sre.Rules;

/// <summary>
/// Builds the rule groups for a spec set: per SLO, error-ratio recording rules for every window its alerts use
/// (and its period), event counts for the low-traffic guard, and one multi-window burn-rate alert per
/// condition; plus the link-down alert. The same groups drive Prometheus (rendered) and the in-process evaluator.
/// </summary>
internal static class RuleBuilder
{
    public static IReadOnlyList<RuleGroup> Build(SpecSet specs, RuleOptions options)
    {
        var groups = specs.Slos.Select(s => BuildSlo(s, options)).ToList();
        groups.Add(NodeUnreachableRules.Build(options));
        groups.Add(TwinClockRules.Build(options));
        groups.Add(FailureModeRules.Build(options));
        groups.Add(LinkDownGroup(options));
        return groups;
    }

    public static RuleGroup BuildSlo(Slo slo, RuleOptions options)
    {
        var rules = new List<Rule>();
        var sloLabel = new Dictionary<string, string> { ["slo"] = slo.Name };
        var windows = slo.Conditions.SelectMany(c => new[] { c.ShortWindow, c.LongWindow }).Append(slo.Window.IsRolling ? slo.Window.Nominal : TimeSpan.Zero)
            .Where(w => w > TimeSpan.Zero).Distinct().Order().ToList();
        if (slo.Budgeting == BudgetingMethod.Timeslices)
        {
            rules.Add(new RecordingRule(RuleNames.SliceGood, OutsideMaintenance(SliceGood(slo), slo.GroupBy), sloLabel));
        }

        // Occurrence budgets leave maintenance out as time-slice ones do: the period ratio is summed from per-evaluation
        // event counts recorded only outside maintenance (rate() over the whole period cannot leave a window out).
        var step = options.EvaluationInterval * 2;
        var periodOutsideMaintenance = slo.Budgeting == BudgetingMethod.Occurrences && slo.Indicator is RatioSli && slo.Window.IsRolling;
        if (periodOutsideMaintenance)
        {
            var (bad, total) = EventCounts((RatioSli)slo.Indicator, slo.GroupBy, RangeFunction.Increase, step);
            rules.Add(new RecordingRule(RuleNames.OutsideMaintenanceEvents(bad: true, step), OutsideMaintenance(bad, slo.GroupBy), sloLabel));
            rules.Add(new RecordingRule(RuleNames.OutsideMaintenanceEvents(bad: false, step), OutsideMaintenance(total, slo.GroupBy), sloLabel));
        }

        foreach (var w in windows)
        {
            var ratio = periodOutsideMaintenance && w == slo.Window.Nominal ? PeriodRatioOutsideMaintenance(slo, step) : ErrorRatio(slo, w);
            rules.Add(new RecordingRule(RuleNames.ErrorRatio(w), ratio, sloLabel));
        }

        var guarded = slo.MinEvents > 0 && slo.Budgeting == BudgetingMethod.Occurrences && slo.Indicator is RatioSli;
        if (guarded)
        {
            foreach (var w in slo.Conditions.Select(c => c.LongWindow).Distinct().Order())
            {
                var total = ((RatioSli)slo.Indicator).Total;
                rules.Add(new RecordingRule(RuleNames.Events(w), new AggregateExpr(Aggregation.Sum, slo.GroupBy, new RangeExpr(RangeFunction.Increase, total, w)), sloLabel));
            }
        }

        foreach (var c in slo.Conditions)
        {
            rules.Add(BurnRateAlert(slo, c, guarded, options));
        }

        return new RuleGroup("qnet-slo-" + slo.Name, options.EvaluationInterval, rules);
    }

    /// <summary>The burn-rate threshold on the error ratio: factor × (1 − target), computed once for both engines.</summary>
    /// <remarks>Decimal arithmetic keeps the rendered rule readable (14.4 × 0.01 = 0.144 rather than 0.14400000000000002).</remarks>
    public static double Threshold(Slo slo, BurnRateCondition c) => (double)((decimal)c.Factor * (decimal)slo.Objective.ErrorBudget);

    private static AlertingRule BurnRateAlert(Slo slo, BurnRateCondition c, bool guarded, RuleOptions options)
    {
        var threshold = new NumberExpr(Threshold(slo, c));
        var op = c.Inclusive ? BinaryOp.Gte : BinaryOp.Gt;
        Expr expr = new BinaryExpr(
            BinaryOp.And,
            new BinaryExpr(op, new SelectorExpr(RuleNames.Recorded(RuleNames.ErrorRatio(c.LongWindow), slo.Name)), threshold),
            new BinaryExpr(op, new SelectorExpr(RuleNames.Recorded(RuleNames.ErrorRatio(c.ShortWindow), slo.Name)), threshold));
        if (guarded)
        {
            expr = new BinaryExpr(BinaryOp.And, expr, new BinaryExpr(BinaryOp.Gte, new SelectorExpr(RuleNames.Recorded(RuleNames.Events(c.LongWindow), slo.Name)), new NumberExpr(slo.MinEvents)));
        }

        expr = OutsideMaintenance(expr, slo.GroupBy);
        var severity = c.Severity == Severity.Page ? "page" : "ticket";
        var labels = new Dictionary<string, string>
        {
            ["severity"] = severity,
            ["slo"] = slo.Name,
            [RuleNames.LayerLabel] = slo.Layer,
            ["long_window"] = DurationText.Format(c.LongWindow),
            ["short_window"] = DurationText.Format(c.ShortWindow),
        };
        if (slo.FailureMode is { } mode)
        {
            labels[RuleNames.FailureModeLabel] = mode.ToString();
        }

        var budgetShare = c.Factor * c.LongWindow.TotalSeconds / slo.Window.Nominal.TotalSeconds;
        var annotations = new Dictionary<string, string>
        {
            ["summary"] = $"{slo.DisplayName}: error budget burning {PromQlText.Number(Math.Round(c.Factor, 2))}x too fast over {DurationText.Format(c.LongWindow)} and {DurationText.Format(c.ShortWindow)}",
            ["description"] = $"At this rate {PromQlText.Number(Math.Round(100 * budgetShare, 1))}% of the {DurationText.Format(slo.Window.Nominal)} error budget of SLO {slo.Name} (target {PromQlText.Number(slo.Objective.Target)}) is spent in {DurationText.Format(c.LongWindow)}.",
            ["runbook_url"] = options.RunbookBaseUrl + slo.AlertName + ".md",
        };
        return new AlertingRule(slo.AlertName, expr, c.For, labels, annotations);
    }

    private static BinaryExpr ErrorRatio(Slo slo, TimeSpan w)
    {
        if (slo.Budgeting == BudgetingMethod.Timeslices)
        {
            return new BinaryExpr(BinaryOp.Sub, new NumberExpr(1), new RangeExpr(RangeFunction.AvgOverTime, RuleNames.Recorded(RuleNames.SliceGood, slo.Name), w));
        }

        return EventErrorRatio((RatioSli)slo.Indicator, slo.GroupBy, w);
    }

    private static BinaryExpr EventErrorRatio(RatioSli sli, IReadOnlyList<string> by, TimeSpan w)
    {
        var (bad, total) = EventCounts(sli, by, RangeFunction.Rate, w);
        return new BinaryExpr(BinaryOp.Div, bad, total);
    }

    /// <summary>Bad and all events of a ratio SLI per group: <c>sum by (group) (fn(selector[w]))</c>, bad as total − good when the SLI names good events.</summary>
    private static (Expr Bad, Expr Total) EventCounts(RatioSli sli, IReadOnlyList<string> by, RangeFunction fn, TimeSpan w)
    {
        Expr Sum(MetricSelector s) => new AggregateExpr(Aggregation.Sum, by, new RangeExpr(fn, s, w));
        var total = Sum(sli.Total);
        var bad = sli.Bad is not null ? Sum(sli.Bad) : new BinaryExpr(BinaryOp.Sub, total, Sum(sli.Good!));
        return (bad, total);
    }

    /// <summary>
    /// The period error ratio from the recorded per-evaluation counts: <c>sum_over_time(bad[period]) /
    /// sum_over_time(all[period])</c>. Each event is counted step / interval times above and below the line alike.
    /// </summary>
    private static BinaryExpr PeriodRatioOutsideMaintenance(Slo slo, TimeSpan step) => new BinaryExpr(BinaryOp.Div,
        new RangeExpr(RangeFunction.SumOverTime, RuleNames.Recorded(RuleNames.OutsideMaintenanceEvents(bad: true, step), slo.Name), slo.Window.Nominal),
        new RangeExpr(RangeFunction.SumOverTime, RuleNames.Recorded(RuleNames.OutsideMaintenanceEvents(bad: false, step), slo.Name), slo.Window.Nominal));

    private static Expr SliceGood(Slo slo)
    {
        var window = slo.Objective.TimeSliceWindow!.Value;
        if (slo.Indicator is RatioSli ratio)
        {
            return new BinaryExpr(BinaryOp.Lte, EventErrorRatio(ratio, slo.GroupBy, window), new NumberExpr((double)(1m - (decimal)slo.Objective.TimeSliceTarget!.Value)), ReturnBool: true);
        }

        var sli = (ThresholdSli)slo.Indicator;
        var op = slo.Objective.Op!.Value;
        Expr value = sli.IsCounter
            ? new AggregateExpr(Aggregation.Sum, slo.GroupBy, new RangeExpr(RangeFunction.Rate, sli.Metric, window))
            : new AggregateExpr(op is ThresholdOp.Gt or ThresholdOp.Gte ? Aggregation.Min : Aggregation.Max, slo.GroupBy, new SelectorExpr(sli.Metric));
        var cmp = op switch { ThresholdOp.Gt => BinaryOp.Gt, ThresholdOp.Gte => BinaryOp.Gte, ThresholdOp.Lt => BinaryOp.Lt, _ => BinaryOp.Lte };
        Expr slice = new BinaryExpr(cmp, value, new NumberExpr(slo.Objective.Value!.Value), ReturnBool: true);
        if (sli.IsCounter)
        {
            // rate() divides by the whole range, so a series younger than one slice looks slow: judge a slice
            // only once the series already existed a slice ago (else every restart would burn budget and page).
            slice = new BinaryExpr(BinaryOp.And, slice, new AggregateExpr(Aggregation.Sum, slo.GroupBy, new SelectorExpr(sli.Metric, window)));
        }

        return slice;
    }

    /// <summary>
    /// <paramref name="expr"/> without the groups under maintenance, read from the exporter's
    /// <see cref="RuleNames.MaintenanceActive"/> gauge: <c>unless on(l) (qnet_maintenance_active{l!=""} > 0)</c> for every
    /// group label l (a window on link a covers every group with link a), and <c>unless on()</c> the windows with
    /// <c>scope="all"</c>. On a slice record this leaves maintenance instants out of the slice SLI, its burn rates and
    /// its budget; on an alert it silences the alert while the window is active (it may fire after the window if
    /// the error ratio is still high then, as the in-process router releases a muted alert). Without the gauge (no
    /// window declared) the expression is unchanged.
    /// </summary>
    internal static Expr OutsideMaintenance(Expr expr, IReadOnlyList<string> groupBy)
    {
        Expr Active(params LabelMatcher[] matchers) => new BinaryExpr(BinaryOp.Gt, new SelectorExpr(new MetricSelector(RuleNames.MaintenanceActive, matchers)), new NumberExpr(0));
        foreach (var label in groupBy)
        {
            expr = new BinaryExpr(BinaryOp.Unless, expr, Active(new LabelMatcher(label, MatchOp.NotEqual, "")), On: [label]);
        }

        return new BinaryExpr(BinaryOp.Unless, expr, Active(new LabelMatcher(RuleNames.MaintenanceScopeLabel, MatchOp.Equal, "all")), On: []);
    }

    /// <summary>
    /// <c>QNetLinkDown</c>: a link reports itself down (<c>qnet_link_up</c> 0: cut or out of service) for 2 minutes.
    /// From the link's own health, not its traffic, so an idle healthy link stays silent and a restored link resolves
    /// without waiting for sessions. Grouped by link and region so the region-scoped inhibit and maintenance rules
    /// still match where a deployment labels its targets with a region.
    /// </summary>
    private static RuleGroup LinkDownGroup(RuleOptions options)
    {
        var up = new AggregateExpr(Aggregation.Max, ["link", "region"], new SelectorExpr(new MetricSelector(MetricCatalogue.LinkUp, [])));
        var rule = new AlertingRule(
            RuleNames.LinkDownAlert,
            OutsideMaintenance(new BinaryExpr(BinaryOp.Eql, up, new NumberExpr(0)), ["link", "region"]),
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["severity"] = "page", [RuleNames.LayerLabel] = "link-down", [RuleNames.FailureModeLabel] = nameof(FailureMode.F1) },
            new Dictionary<string, string>
            {
                ["summary"] = "A quantum link is down",
                ["description"] = "The link reports itself down (cut or out of service) for 2 minutes; session and link SLO alerts it causes are inhibited.",
                ["runbook_url"] = options.RunbookBaseUrl + RuleNames.LinkDownAlert + ".md",
            });
        return new RuleGroup("qnet-link-down", options.EvaluationInterval, [rule]);
    }
}
