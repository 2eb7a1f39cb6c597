using YamlDotNet.RepresentationModel;

namespace QNet.ControlPlane.GameDays;

/// <summary>Reads the <c>expectations</c> list (docs/gamedays.md, "Expectations").</summary>
internal sealed class ExpectationReader(ExperimentFields f, ExperimentStepReader steps, IReadOnlyList<string> alerts, IReadOnlyList<string> slos,
    IReadOnlyList<string> injects, bool anyFault)
{
    private static readonly string[] Keys = ["type", "alert", "labels", "within", "after", "pqc-fallback", "slo", "below", "sli", "window", "tolerance"];

    public List<ExpectationSpec> Read(YamlSequenceNode? list)
    {
        var result = new List<ExpectationSpec>();
        for (int i = 0; list is not null && i < list.Children.Count; i++)
        {
            var p = ExperimentFields.Index("expectations", i);
            if (list.Children[i] is not YamlMappingNode map)
            {
                f.Error(list.Children[i], p, "must be a mapping with a type");
                continue;
            }
            if (One(map, p) is { } e)
            {
                result.Add(e);
            }
        }
        return result;
    }

    private ExpectationSpec? One(YamlMappingNode map, string p)
    {
        f.CheckKeys(map, p, Keys);
        var typeText = f.Str(map, "type", p, required: true);
        if (typeText is null)
        {
            return null;
        }
        if (!GameDayNames.Expectations.TryGet(typeText, out var kind))
        {
            f.Error(ExperimentFields.Get(map, "type"), p + ".type", $"unknown expectation '{typeText}'; expected one of {GameDayNames.Expectations.List}");
            return null;
        }
        int line = ExperimentFields.Line(map);
        var labels = steps.Selector(map, "labels", p);
        bool timed = kind is not (ExpectationKind.KeysFlow or ExpectationKind.BudgetBurned);
        double within = f.Duration(map, "within", p, required: timed) ?? 0;
        var after = f.Str(map, "after", p, required: false);
        if (after is not null && !injects.Contains(after, StringComparer.Ordinal))
        {
            f.Error(ExperimentFields.Get(map, "after"), p + ".after", $"no inject-fault step has the id '{after}'");
        }
        else if (timed && after is null && !anyFault)
        {
            f.Error(map, p + ".within", "is measured from a fault, and the method injects none");
        }
        string? alert = null, slo = null;
        bool pqc = false;
        double below = 0;
        ProbeSpec? probe = null;
        switch (kind)
        {
            case ExpectationKind.AlertFires or ExpectationKind.AlertPages:
                alert = f.Str(map, "alert", p, required: true);
                if (alert is not null && !alerts.Contains(alert, StringComparer.Ordinal))
                {
                    f.Error(ExperimentFields.Get(map, "alert"), p + ".alert", $"unknown alert '{alert}'; the default rules define {string.Join(", ", alerts)}");
                }
                break;
            case ExpectationKind.KeysFlow:
                var fallback = f.Str(map, "pqc-fallback", p, required: true);
                pqc = fallback == "allowed";
                if (fallback is not null and not ("allowed" or "forbidden"))
                {
                    f.Error(ExperimentFields.Get(map, "pqc-fallback"), p + ".pqc-fallback", $"'{fallback}' must be allowed or forbidden");
                }
                break;
            case ExpectationKind.BudgetBurned:
                slo = f.Str(map, "slo", p, required: true);
                if (slo is not null && !slos.Contains(slo, StringComparer.Ordinal))
                {
                    f.Error(ExperimentFields.Get(map, "slo"), p + ".slo", $"unknown SLO '{slo}'; the default specs define {string.Join(", ", slos)}");
                }
                var belowText = f.Str(map, "below", p, required: true);
                if (belowText is not null && !(ExperimentFields.TryNumber(belowText.TrimEnd('%').Trim(), out below) && below is > 0 and <= 100))
                {
                    f.Error(ExperimentFields.Get(map, "below"), p + ".below", $"'{belowText}' must be a percentage above 0 and at most 100, e.g. 5%");
                }
                break;
            case ExpectationKind.SliRecovers:
                var sliText = f.Str(map, "sli", p, required: true);
                Sli sli = Sli.M1;
                if (sliText is not null && !GameDayNames.Slis.TryGet(sliText, out sli))
                {
                    f.Error(ExperimentFields.Get(map, "sli"), p + ".sli", $"unknown SLI '{sliText}'; expected one of {GameDayNames.Slis.List}");
                }
                double window = f.Duration(map, "window", p, required: true) ?? 0;
                var tolerance = steps.Tolerance(map, p, ProbeKind.Sli, required: true);
                probe = new ProbeSpec(sliText ?? "", ProbeKind.Sli, line, sli, null, null, labels, window, null, tolerance);
                break;
        }
        return new ExpectationSpec(kind, line, alert, labels, within, after, pqc, slo, below, probe);
    }
}
