using QNet.Sre.Rules;
using QNet.Sre.Specs;

namespace QNet.Sre.Generation;

/// <summary>
/// Builds input series that drive an SLO through a healthy stretch, a fast burn and a recovery (and, when the
/// SLO has a low-traffic guard, a trickle of failing events), for the generated promtool unit tests.
/// </summary>
internal static class ScenarioFactory
{
    /// <summary>Minutes: healthy until <see cref="BurnStart"/>, burning until <see cref="BurnEnd"/>, healthy to <see cref="End"/>.</summary>
    public const int BurnStart = 60, BurnEnd = 100, End = 180;

    /// <summary>Minutes: the maintenance window of the "outage during maintenance" scenario, [start, end), around the burn.</summary>
    public const int MaintenanceStart = BurnStart - 10, MaintenanceEnd = BurnEnd + 10;

    /// <summary>Scenarios for the SLO; empty when its selectors cannot be fed from equality matchers alone.</summary>
    public static IReadOnlyList<TestScenario> For(Slo slo)
    {
        var group = slo.GroupBy.ToDictionary(l => l, l => "test-" + l.Replace('_', '-'));
        var list = new List<TestScenario>();
        var burn = Build(slo, group, "burn and recovery", m => 60, m => m is >= BurnStart and < BurnEnd);
        if (burn is not null)
        {
            list.Add(burn);
        }

        if (slo.MinEvents > 0 && slo.Budgeting == BudgetingMethod.Occurrences)
        {
            var trickle = Build(slo, group, "low traffic with failures (guard)", m => m % 10 == 0 ? 1 : 0, m => m is >= BurnStart and < BurnEnd);
            if (trickle is not null)
            {
                list.Add(trickle);
            }
        }

        if (burn is not null)
        {
            list.Add(UnderMaintenance(burn, slo));
        }

        return list;
    }

    /// <summary>
    /// The burn scenario with a maintenance window over the SLO's group (<c>qnet_maintenance_active</c> 1 from
    /// <see cref="MaintenanceStart"/> to <see cref="MaintenanceEnd"/>, 0 outside; <c>scope="all"</c> when the SLO is
    /// not grouped), plus a window on another group that must change nothing.
    /// </summary>
    private static TestScenario UnderMaintenance(TestScenario burn, Slo slo)
    {
        var values = Enumerable.Range(0, End + 1).Select(m => (double?)(m is >= MaintenanceStart and < MaintenanceEnd ? 1 : 0)).ToList();
        var covering = slo.GroupBy.Count == 0
            ? new Dictionary<string, string> { ["window"] = "test-maintenance", [RuleNames.MaintenanceScopeLabel] = "all" }
            : slo.GroupBy.ToDictionary(l => l, l => "test-" + l.Replace('_', '-'));
        covering["window"] = "test-maintenance";
        var other = new Dictionary<string, string> { ["window"] = "test-elsewhere", ["link"] = "test-elsewhere", ["node"] = "test-elsewhere" };
        return burn with
        {
            Name = $"{slo.Name}: outage during maintenance",
            Series = [.. burn.Series, new ScenarioSeries(RuleNames.MaintenanceActive, covering, values), new ScenarioSeries(RuleNames.MaintenanceActive, other, values)],
        };
    }

    private static TestScenario? Build(Slo slo, Dictionary<string, string> group, string name, Func<int, int> eventsPerMinute, Func<int, bool> burning)
    {
        var name2 = $"{slo.Name}: {name}";
        var interval = TimeSpan.FromMinutes(1);
        return slo.Indicator switch
        {
            RatioSli r => Ratio(slo, r, group, name2, interval, eventsPerMinute, burning),
            ThresholdSli t => Threshold(slo, t, group, name2, interval, burning),
            _ => null,
        };
    }

    private static TestScenario? Ratio(Slo slo, RatioSli sli, Dictionary<string, string> group, string name, TimeSpan interval, Func<int, int> eventsPerMinute, Func<int, bool> burning)
    {
        // Per minute: n events, all of them bad while burning (so even loose objectives such as 95 % page).
        var n = new double[End + 1];
        var bad = new double[End + 1];
        for (var m = 1; m <= End; m++)
        {
            var events = eventsPerMinute(m);
            n[m] = n[m - 1] + events;
            bad[m] = bad[m - 1] + (burning(m) ? events : 0);
        }

        var good = n.Zip(bad, (a, b) => a - b).ToArray();
        var role = sli.Bad ?? sli.Good!;
        var roleValues = sli.Bad is not null ? bad : good;
        var otherValues = sli.Bad is not null ? good : bad;
        var series = new List<ScenarioSeries>();
        var roleLabels = Labels(role, group);
        var totalLabels = Labels(sli.Total, group);
        if (roleLabels is null || totalLabels is null)
        {
            return null;
        }

        if (role.Metric == sli.Total.Metric)
        {
            // The role selector narrows the total one: the complement series carries a value the role does not match.
            var extra = role.Matchers.Where(m => !sli.Total.Matchers.Contains(m)).ToList();
            if (extra.Count != 1 || extra[0].Op != MatchOp.Equal)
            {
                return null;
            }

            var complement = new Dictionary<string, string>(roleLabels) { [extra[0].Name] = extra[0].Value + "-not" };
            series.Add(new ScenarioSeries(role.Metric, roleLabels, roleValues.Select(v => (double?)v).ToList()));
            series.Add(new ScenarioSeries(role.Metric, complement, otherValues.Select(v => (double?)v).ToList()));
        }
        else
        {
            series.Add(new ScenarioSeries(role.Metric, roleLabels, roleValues.Select(v => (double?)v).ToList()));
            series.Add(new ScenarioSeries(sli.Total.Metric, totalLabels, n.Select(v => (double?)v).ToList()));
        }

        return new TestScenario(name, interval, series);
    }

    private static TestScenario? Threshold(Slo slo, ThresholdSli sli, Dictionary<string, string> group, string name, TimeSpan interval, Func<int, bool> burning)
    {
        var labels = Labels(sli.Metric, group);
        if (labels is null)
        {
            return null;
        }

        var threshold = slo.Objective.Value!.Value;
        var goodAbove = slo.Objective.Op is ThresholdOp.Gt or ThresholdOp.Gte;
        var values = new List<double?>();
        double counter = 0;
        for (var m = 0; m <= End; m++)
        {
            if (sli.IsCounter)
            {
                // Per-second rate: twice the floor when healthy, zero while burning.
                var perMinute = burning(m) ? 0 : Math.Ceiling(Math.Max(threshold, 1) * 2 * 60);
                counter += m == 0 ? 0 : perMinute;
                values.Add(counter);
            }
            else
            {
                var healthy = goodAbove ? threshold * 2 : threshold / 2;
                var bad = goodAbove ? threshold / 2 : threshold * 2;
                values.Add(burning(m) ? bad : healthy);
            }
        }

        return new TestScenario(name, interval, [new ScenarioSeries(sli.Metric.Metric, labels, values)]);
    }

    private static Dictionary<string, string>? Labels(MetricSelector s, Dictionary<string, string> group)
    {
        var labels = new Dictionary<string, string>(group);
        foreach (var m in s.Matchers)
        {
            if (m.Op != MatchOp.Equal)
            {
                return null;
            }

            labels[m.Name] = m.Value;
        }

        return labels;
    }
}
