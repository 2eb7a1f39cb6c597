using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace QNet.Sre.Specs;

/// <summary>Turns an SLO document (with its referenced SLI, AlertPolicy and AlertCondition documents) into an <see cref="Slo"/>.</summary>
internal sealed partial class SloBuilder(YamlFields f, IReadOnlyList<SpecParser.Doc> docs)
{
    public Slo? Build(SpecParser.Doc doc)
    {
        var errorsBefore = f.Errors.Count;
        var spec = doc.Spec;
        var p = doc.Path + ": spec";
        if (spec is null)
        {
            return null;
        }

        f.CheckKeys(spec, p, "description", "service", "indicator", "indicatorRef", "timeWindow", "budgetingMethod", "objectives", "alertPolicies");
        var service = f.Str(spec, "service", p, required: true);
        var description = f.Str(spec, "description", p, required: false) ?? "";
        var sli = ReadIndicatorChoice(spec, p);
        var window = ReadTimeWindow(spec, p);
        var budgeting = ReadBudgeting(spec, p);
        var objective = ReadObjective(spec, p, sli, budgeting);
        var conditions = ReadAlertPolicies(spec, p, window);
        var annotations = YamlFields.Get(doc.Metadata, "annotations") as YamlMappingNode;
        var labels = YamlFields.Get(doc.Metadata, "labels") as YamlMappingNode;
        var mp = doc.Path + ": metadata";
        var groupBy = ReadGroupBy(annotations, mp);
        var minEvents = ReadMinEvents(annotations, mp);
        var layer = f.Str(labels, "qnet.io/layer", mp + ".labels", required: false) ?? "service";
        var alertName = f.Str(annotations, "qnet.io/alert-name", mp + ".annotations", required: false) ?? DefaultAlertName(doc.Name);
        var failureModeText = f.Str(labels, "qnet.io/failure-mode", mp + ".labels", required: false);
        Rules.FailureMode? failureMode = null;
        if (failureModeText is not null)
        {
            if (FailureModeRegex().IsMatch(failureModeText))
            {
                failureMode = Enum.Parse<Rules.FailureMode>(failureModeText);
            }
            else
            {
                f.Error(YamlFields.Get(labels, "qnet.io/failure-mode"), mp + ".labels.qnet.io/failure-mode", $"'{failureModeText}' is not a failure mode (F1..F8)");
            }
        }
        if (!AlertNameRegex().IsMatch(alertName) || alertName == Rules.RuleNames.LinkDownAlert)
        {
            f.Error(YamlFields.Get(annotations, "qnet.io/alert-name"), mp + ".annotations.qnet.io/alert-name", $"'{alertName}' is not a valid alert name");
        }

        if (sli is ThresholdSli && budgeting == BudgetingMethod.Occurrences)
        {
            f.Error(YamlFields.Get(spec, "budgetingMethod"), p + ".budgetingMethod", "a thresholdMetric SLI needs budgetingMethod Timeslices (QNet counts good slices, not data points)");
        }

        if (f.Errors.Count > errorsBefore || sli is null || window is null || budgeting is null || objective is null || conditions is null || service is null)
        {
            return null;
        }

        var displayName = f.Str(doc.Metadata, "displayName", mp, required: false) ?? doc.Name;
        return new Slo(doc.Name, displayName, service, description, sli, window, budgeting.Value, objective, conditions, groupBy, minEvents, layer, alertName) { FailureMode = failureMode };
    }

    private static string DefaultAlertName(string name) =>
        string.Concat(name.Split('-').Where(s => s.Length > 0).Select(s => char.ToUpperInvariant(s[0]) + s[1..])) + "BudgetBurn";

    private List<string> ReadGroupBy(YamlMappingNode? annotations, string mp)
    {
        var text = f.Str(annotations, "qnet.io/group-by", mp + ".annotations", required: false);
        var labels = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        string[] reserved = ["le", "slo", "severity", "alertname", MetricCatalogue.LayerLabel, "long_window", "short_window", Rules.RuleNames.FailureModeLabel];
        foreach (var l in labels.Where(l => !LabelNameRegex().IsMatch(l) || reserved.Contains(l)))
        {
            f.Error(YamlFields.Get(annotations, "qnet.io/group-by"), mp + ".annotations.qnet.io/group-by", $"'{l}' is not a label name QNet can group by (reserved: {string.Join(", ", reserved)})");
        }

        return labels;
    }

    private double ReadMinEvents(YamlMappingNode? annotations, string mp)
    {
        var n = f.Number(annotations, "qnet.io/min-events", mp + ".annotations", required: false);
        if (n is < 0)
        {
            f.Error(YamlFields.Get(annotations, "qnet.io/min-events"), mp + ".annotations.qnet.io/min-events", "must be zero or more");
        }

        return n ?? 0;
    }

    private Sli? ReadIndicatorChoice(YamlMappingNode spec, string p)
    {
        var inline = f.Map(spec, "indicator", p, required: false);
        var reference = f.Str(spec, "indicatorRef", p, required: false);
        if ((inline is null) == (reference is null))
        {
            f.Error(spec, p + ".indicator", "exactly one of indicator or indicatorRef is required");
            return null;
        }

        if (inline is not null)
        {
            f.CheckKeys(inline, p + ".indicator", "metadata", "spec");
            var name = f.Str(f.Map(inline, "metadata", p + ".indicator", required: true), "name", p + ".indicator.metadata", required: true);
            return SliReader.Read(f, f.Map(inline, "spec", p + ".indicator", required: true), p + ".indicator.spec", name ?? "inline");
        }

        var target = docs.FirstOrDefault(d => d.Kind == "SLI" && d.Name == reference);
        if (target is null)
        {
            f.Error(YamlFields.Get(spec, "indicatorRef"), p + ".indicatorRef", $"no SLI named '{reference}'");
            return null;
        }

        return SliReader.Read(f, target.Spec, target.Path + ": spec", target.Name);
    }

    private TimeWindow? ReadTimeWindow(YamlMappingNode spec, string p)
    {
        var seq = f.Seq(spec, "timeWindow", p, required: true);
        if (seq is null)
        {
            return null;
        }

        if (seq.Children.Count != 1 || seq.Children[0] is not YamlMappingNode w)
        {
            f.Error(seq, p + ".timeWindow", "must hold exactly one window mapping");
            return null;
        }

        var wp = p + ".timeWindow[0]";
        f.CheckKeys(w, wp, "duration", "isRolling", "calendar");
        var durationText = f.Str(w, "duration", wp, required: true);
        var duration = durationText is null ? null : DurationText.TryParseCalendar(durationText);
        if (durationText is not null && duration is null)
        {
            f.Error(YamlFields.Get(w, "duration"), wp + ".duration", $"'{durationText}' is not a window such as 28d, 4w, 1M, 1Q");
        }

        var rolling = f.Bool(w, "isRolling", wp) ?? false;
        var calendar = f.Map(w, "calendar", wp, required: !rolling);
        var start = DateTime.MinValue;
        string? zone = null;
        if (calendar is not null)
        {
            var cp = wp + ".calendar";
            f.CheckKeys(calendar, cp, "startTime", "timeZone");
            var startText = f.Str(calendar, "startTime", cp, required: !rolling);
            if (startText is not null && !DateTime.TryParseExact(startText, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
            {
                f.Error(YamlFields.Get(calendar, "startTime"), cp + ".startTime", $"'{startText}' is not a time such as 2026-01-01 00:00:00");
            }

            zone = f.Str(calendar, "timeZone", cp, required: false);
            if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                f.Error(YamlFields.Get(calendar, "timeZone"), cp + ".timeZone", $"'{zone}' is not a known IANA time zone");
            }
        }

        if (rolling && duration is { Unit: 'M' or 'Q' or 'Y' })
        {
            f.Error(YamlFields.Get(w, "duration"), wp + ".duration", "a rolling window needs a fixed length (m, h, d, w); months, quarters and years are calendar windows");
            return null;
        }

        return duration is null ? null : new TimeWindow(duration.Value.Count, duration.Value.Unit, rolling, start, zone);
    }

    private BudgetingMethod? ReadBudgeting(YamlMappingNode spec, string p)
    {
        var text = f.Str(spec, "budgetingMethod", p, required: true);
        switch (text)
        {
            case null:
                return null;
            case "Occurrences":
                return BudgetingMethod.Occurrences;
            case "Timeslices":
                return BudgetingMethod.Timeslices;
            default:
                f.Error(YamlFields.Get(spec, "budgetingMethod"), p + ".budgetingMethod", $"'{text}' is not supported; expected Occurrences or Timeslices");
                return null;
        }
    }

    private Objective? ReadObjective(YamlMappingNode spec, string p, Sli? sli, BudgetingMethod? budgeting)
    {
        var seq = f.Seq(spec, "objectives", p, required: true);
        if (seq is null)
        {
            return null;
        }

        if (seq.Children.Count != 1 || seq.Children[0] is not YamlMappingNode o)
        {
            f.Error(seq, p + ".objectives", "QNet needs exactly one objective per SLO (write one SLO per objective)");
            return null;
        }

        var op = p + ".objectives[0]";
        f.CheckKeys(o, op, "displayName", "op", "value", "target", "targetPercent", "timeSliceTarget", "timeSliceWindow");
        var target = f.Number(o, "target", op, required: false);
        var percent = f.Number(o, "targetPercent", op, required: false);
        if ((target is null) == (percent is null))
        {
            f.Error(o, op + ".target", "exactly one of target or targetPercent is required");
        }

        target ??= percent / 100;
        if (target is not null and (<= 0 or >= 1))
        {
            f.Error(YamlFields.Get(o, "target") ?? YamlFields.Get(o, "targetPercent"), op + ".target", $"{target} must lie strictly between 0 and 1 (0 and 100 for targetPercent)");
        }

        var opText = f.Str(o, "op", op, required: sli is ThresholdSli);
        ThresholdOp? thresholdOp = opText switch { null => null, "lt" => ThresholdOp.Lt, "lte" => ThresholdOp.Lte, "gt" => ThresholdOp.Gt, "gte" => ThresholdOp.Gte, _ => null };
        if (opText is not null && thresholdOp is null)
        {
            f.Error(YamlFields.Get(o, "op"), op + ".op", $"'{opText}' must be lt, lte, gt or gte");
        }

        var value = f.Number(o, "value", op, required: sli is ThresholdSli);
        if (sli is RatioSli && (opText is not null || value is not null))
        {
            f.Error(o, op + ".op", "op and value apply to thresholdMetric SLIs only");
        }

        var sliceTarget = f.Number(o, "timeSliceTarget", op, required: budgeting == BudgetingMethod.Timeslices && sli is RatioSli);
        if (sliceTarget is not null and (<= 0 or > 1))
        {
            f.Error(YamlFields.Get(o, "timeSliceTarget"), op + ".timeSliceTarget", $"{sliceTarget} must lie in (0, 1]");
        }

        var sliceWindow = f.Duration(o, "timeSliceWindow", op, required: budgeting == BudgetingMethod.Timeslices);
        if (budgeting == BudgetingMethod.Occurrences && (sliceTarget is not null || sliceWindow is not null))
        {
            f.Error(o, op + ".timeSliceWindow", "timeSliceTarget and timeSliceWindow apply to budgetingMethod Timeslices only");
        }

        return target is null ? null : new Objective(target.Value, thresholdOp, value, sliceTarget, sliceWindow);
    }

    private List<BurnRateCondition>? ReadAlertPolicies(YamlMappingNode spec, string p, TimeWindow? window)
    {
        var seq = f.Seq(spec, "alertPolicies", p, required: false);
        if (seq is null || seq.Children.Count == 0)
        {
            return window is null ? null : [.. BurnRateCondition.Workbook(window.Nominal)];
        }

        var result = new List<BurnRateCondition>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var ip = YamlFields.Index(p + ".alertPolicies", i);
            var item = seq.Children[i];
            if (item is YamlScalarNode { Value: { } refName })
            {
                var target = docs.FirstOrDefault(d => d.Kind == "AlertPolicy" && d.Name == refName);
                if (target is null)
                {
                    f.Error(item, ip, $"no AlertPolicy named '{refName}'");
                    continue;
                }

                result.AddRange(AlertPolicyReader.Read(f, docs, target.Spec, target.Path + ": spec"));
            }
            else if (item is YamlMappingNode m && YamlFields.Get(m, "alertPolicyRef") is YamlScalarNode { Value: { } r })
            {
                var target = docs.FirstOrDefault(d => d.Kind == "AlertPolicy" && d.Name == r);
                if (target is null)
                {
                    f.Error(item, ip + ".alertPolicyRef", $"no AlertPolicy named '{r}'");
                    continue;
                }

                result.AddRange(AlertPolicyReader.Read(f, docs, target.Spec, target.Path + ": spec"));
            }
            else if (item is YamlMappingNode inline)
            {
                result.AddRange(AlertPolicyReader.Read(f, docs, f.Map(inline, "spec", ip, required: true), ip + ".spec"));
            }
            else
            {
                f.Error(item, ip, "must be an AlertPolicy name, {alertPolicyRef: name} or an inline AlertPolicy");
            }
        }

        return result;
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelNameRegex();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex AlertNameRegex();

    [GeneratedRegex("^F[1-8]$")]
    private static partial Regex FailureModeRegex();
}
