using YamlDotNet.RepresentationModel;

namespace QNet.Sre.Specs;

/// <summary>Reads an OpenSLO AlertPolicy spec and its burn-rate AlertConditions (inline or by reference).</summary>
internal static class AlertPolicyReader
{
    public static IEnumerable<BurnRateCondition> Read(YamlFields f, IReadOnlyList<SpecParser.Doc> docs, YamlMappingNode? spec, string p)
    {
        if (spec is null)
        {
            return [];
        }

        f.CheckKeys(spec, p, "description", "alertWhenNoData", "alertWhenResolved", "alertWhenBreaching", "conditions", "notificationTargets");
        _ = f.Bool(spec, "alertWhenNoData", p);
        _ = f.Bool(spec, "alertWhenResolved", p);
        _ = f.Bool(spec, "alertWhenBreaching", p);
        var seq = f.Seq(spec, "conditions", p, required: true);
        var result = new List<BurnRateCondition>();
        for (var i = 0; i < (seq?.Children.Count ?? 0); i++)
        {
            var cp = YamlFields.Index(p + ".conditions", i);
            if (seq!.Children[i] is not YamlMappingNode item)
            {
                f.Error(seq.Children[i], cp, "must be {conditionRef: name} or an inline AlertCondition");
                continue;
            }

            if (f.Str(item, "conditionRef", cp, required: false) is { } reference)
            {
                var target = docs.FirstOrDefault(d => d.Kind == "AlertCondition" && d.Name == reference);
                if (target is null)
                {
                    f.Error(YamlFields.Get(item, "conditionRef"), cp + ".conditionRef", $"no AlertCondition named '{reference}'");
                    continue;
                }

                var c = ReadCondition(f, target.Metadata, target.Spec, target.Path + ": spec", target.Name);
                if (c is not null)
                {
                    result.Add(c);
                }
            }
            else
            {
                var metadata = f.Map(item, "metadata", cp, required: true);
                var name = f.Str(metadata, "name", cp + ".metadata", required: metadata is not null) ?? "inline";
                var c = ReadCondition(f, metadata, f.Map(item, "spec", cp, required: true), cp + ".spec", name);
                if (c is not null)
                {
                    result.Add(c);
                }
            }
        }

        return result;
    }

    private static BurnRateCondition? ReadCondition(YamlFields f, YamlMappingNode? metadata, YamlMappingNode? spec, string p, string name)
    {
        if (spec is null)
        {
            return null;
        }

        f.CheckKeys(spec, p, "description", "severity", "condition");
        var severityText = f.Str(spec, "severity", p, required: true);
        Severity? severity = severityText?.ToLowerInvariant() switch { null => null, "page" => Severity.Page, "ticket" => Severity.Ticket, _ => null };
        if (severityText is not null && severity is null)
        {
            f.Error(YamlFields.Get(spec, "severity"), p + ".severity", $"'{severityText}' must be page or ticket");
        }

        var condition = f.Map(spec, "condition", p, required: true);
        if (condition is null)
        {
            return null;
        }

        var cp = p + ".condition";
        f.CheckKeys(condition, cp, "kind", "op", "threshold", "lookbackWindow", "alertAfter");
        var kind = f.Str(condition, "kind", cp, required: true);
        if (kind is not null && kind != "burnrate")
        {
            f.Error(YamlFields.Get(condition, "kind"), cp + ".kind", $"'{kind}' is not supported; expected burnrate");
        }

        var op = f.Str(condition, "op", cp, required: true);
        if (op is not null and not ("gt" or "gte"))
        {
            f.Error(YamlFields.Get(condition, "op"), cp + ".op", $"'{op}' must be gt or gte (alert when the burn rate exceeds the threshold)");
        }

        var threshold = f.Number(condition, "threshold", cp, required: true);
        if (threshold is <= 0)
        {
            f.Error(YamlFields.Get(condition, "threshold"), cp + ".threshold", "must be greater than 0");
        }

        var lookback = f.Duration(condition, "lookbackWindow", cp, required: true);
        var alertAfter = f.Duration(condition, "alertAfter", cp, required: false) ?? TimeSpan.Zero;
        var annotations = YamlFields.Get(metadata, "annotations") as YamlMappingNode;
        var shortWindow = f.Duration(annotations, "qnet.io/short-window", "metadata.annotations", required: false)
            ?? (lookback is null ? null : TimeSpan.FromSeconds(Math.Max(60, Math.Round(lookback.Value.TotalSeconds / 12 / 60) * 60)));
        if (shortWindow is not null && lookback is not null && shortWindow >= lookback)
        {
            f.Error(YamlFields.Get(annotations, "qnet.io/short-window"), p + ": metadata.annotations.qnet.io/short-window", "must be shorter than lookbackWindow");
        }

        if (severity is null || threshold is null || lookback is null || shortWindow is null || kind != "burnrate" || op is not ("gt" or "gte"))
        {
            return null;
        }

        return new BurnRateCondition(name, severity.Value, threshold.Value, lookback.Value, shortWindow.Value, alertAfter, op == "gte");
    }
}
