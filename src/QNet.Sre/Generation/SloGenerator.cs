using System.Text.Json;
using QNet.Sre.Alerting;
using QNet.Sre.Rules;
using QNet.Sre.Specs;

namespace QNet.Sre.Generation;

/// <summary>
/// Writes everything an operator deploys next to Prometheus, Alertmanager and Grafana from one spec set:
/// <c>prometheus/rules/*.yaml</c> (one rule file per SLO plus the link-down rule), <c>prometheus/tests/*.test.yaml</c>
/// (promtool unit tests whose expectations come from the in-process evaluator), <c>alertmanager/alertmanager.yaml</c>,
/// <c>grafana/dashboards/*.json</c> and <c>grafana/provisioning/dashboards/qnet.yaml</c>.
/// </summary>
public static class SloGenerator
{
    public const string RulesFolder = "prometheus/rules";
    public const string TestsFolder = "prometheus/tests";
    public const string AlertmanagerFile = "alertmanager/alertmanager.yaml";
    public const string DashboardFolder = "grafana/dashboards";
    public const string ProvisioningFile = "grafana/provisioning/dashboards/qnet.yaml";

    /// <summary>Writes all files under <paramref name="outDir"/> and returns their relative paths.</summary>
    public static IReadOnlyList<string> Generate(SpecSet specs, string outDir, RuleOptions rules, AlertingOptions alerting)
    {
        var files = new Dictionary<string, string>();
        var groups = RuleBuilder.Build(specs, rules);
        var linkDown = groups[^1];
        var failureModes = groups[^2];
        foreach (var g in groups)
        {
            files[$"{RulesFolder}/{g.Name}.yaml"] = PrometheusRulesWriter.Write([g]);
        }

        foreach (var (slo, group) in specs.Slos.Zip(groups))
        {
            var test = PromtoolTests(slo, [group, linkDown], rules);
            if (test is not null)
            {
                files[$"{TestsFolder}/{group.Name}.test.yaml"] = test;
            }
        }

        files[$"{TestsFolder}/{failureModes.Name}.test.yaml"] = FailureModeTests(failureModes, rules);
        files[$"{TestsFolder}/{linkDown.Name}.test.yaml"] = LinkDownTests(linkDown, rules);
        files[AlertmanagerFile] = AlertmanagerConfigWriter.Write(AlertRoutingModel.Build(specs, alerting));
        foreach (var (name, dashboard) in GrafanaDashboards.Build(specs))
        {
            files[DashboardFolder + "/" + name] = dashboard.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        }

        files[ProvisioningFile] = Provisioning();
        foreach (var (rel, text) in files)
        {
            var path = Path.Combine(outDir, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        return files.Keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// promtool unit tests for one SLO (null when no scenario can be built for it): its scenarios, with checkpoints
    /// every 5 minutes on the SLO's alert and the link-down alert, expectations from the in-process evaluator.
    /// </summary>
    internal static string? PromtoolTests(Slo slo, IReadOnlyList<RuleGroup> groups, RuleOptions rules)
    {
        var times = Enumerable.Range(0, (ScenarioFactory.End / 5) + 1).Select(i => TimeSpan.FromMinutes(5 * i)).ToList();
        var tests = ScenarioFactory.For(slo).Select(s =>
        {
            IReadOnlyList<ExprCheck> exprs = [];
            var checkpoints = AlertPredictor.Predict(groups, s, times, [slo.AlertName, RuleNames.LinkDownAlert], e => exprs = BudgetCheck(slo, e));
            return (s, (IReadOnlyList<Checkpoint>)checkpoints, exprs);
        }).ToList();
        return tests.Count == 0 ? null : PromtoolTestWriter.Write(groups.Select(g => $"../rules/{g.Name}.yaml").ToList(), rules.EvaluationInterval, tests);
    }
    /// <summary>promtool unit tests of the failure-mode alerts: <see cref="FailureModeScenarios"/>, expectations from the in-process evaluator.</summary>
    internal static string FailureModeTests(RuleGroup failureModes, RuleOptions rules)
    {
        var tests = FailureModeScenarios.All()
            .Select(x => (x.Scenario, (IReadOnlyList<Checkpoint>)AlertPredictor.Predict([failureModes], x.Scenario, x.Times, FailureModeScenarios.AlertNames)))
            .ToList();
        return PromtoolTestWriter.Write([$"../rules/{failureModes.Name}.yaml"], rules.EvaluationInterval, tests);
    }

    /// <summary>promtool unit tests of the link-down alert: <see cref="LinkDownScenarios"/>, expectations from the in-process evaluator.</summary>
    internal static string LinkDownTests(RuleGroup linkDown, RuleOptions rules)
    {
        var tests = LinkDownScenarios.All()
            .Select(x => (x.Scenario, (IReadOnlyList<Checkpoint>)AlertPredictor.Predict([linkDown], x.Scenario, x.Times, [RuleNames.LinkDownAlert])))
            .ToList();
        return PromtoolTestWriter.Write([$"../rules/{linkDown.Name}.yaml"], rules.EvaluationInterval, tests);
    }

    /// <summary>
    /// Whether the scenario burnt budget, for SLOs with a period-long recording rule (rolling windows): the period
    /// error ratio <c>&gt; bool 0</c> at the scenario's end (a 0/1 value, exact in both engines). Time-slice SLOs must
    /// read 0 after an outage under maintenance and 1 after the same outage outside it.
    /// </summary>
    private static IReadOnlyList<ExprCheck> BudgetCheck(Slo slo, Evaluation.RuleEvaluator evaluator)
    {
        if (!slo.Window.IsRolling)
        {
            return [];
        }

        var record = RuleNames.ErrorRatio(slo.Window.Nominal);
        var samples = evaluator.Recorded(record, slo.Name)
            .Select(r => ((IReadOnlyDictionary<string, string>)new Dictionary<string, string>(r.Labels) { ["slo"] = slo.Name }, r.Value > 0 ? 1.0 : 0.0))
            .ToList();
        return [new ExprCheck(TimeSpan.FromMinutes(ScenarioFactory.End), $"{RuleNames.Recorded(record, slo.Name)} > bool 0", samples)];
    }

    private static string Provisioning() => YamlOutput.Write(new Dictionary<string, object>
    {
        ["apiVersion"] = 1,
        ["providers"] = new List<object>
        {
            new Dictionary<string, object>
            {
                ["name"] = "qnet",
                ["orgId"] = 1,
                ["folder"] = "QNet",
                ["type"] = "file",
                ["disableDeletion"] = false,
                ["allowUiUpdates"] = false,
                ["updateIntervalSeconds"] = 60,
                ["options"] = new Dictionary<string, object> { ["path"] = "/var/lib/grafana/dashboards/qnet", ["foldersFromFilesStructure"] = false },
            },
        },
    });
}
