using QNet.Sre.Generation;
using QNet.Sre.Rules;
using QNet.Sre.Specs;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Generation;

/// <summary>
/// The in-process evaluator and Prometheus (through <c>promtool test rules</c>) must fire the same alerts at the
/// same times on the same series: the in-process result at every minute becomes promtool's expectation.
/// </summary>
public sealed class AgreementTests
{
    private const int Minutes = 8 * 60;

    [Theory]
    [InlineData("session-success", 11)]
    [InlineData("session-pair-fidelity", 12)]
    [InlineData("swap-success", 13)]
    [InlineData("link-transmittance", 14)]
    [InlineData("link-generation-rate", 15)]
    public void InProcessAndPromtool_RandomSeries_FireTheSameAlertsEveryMinute(string sloName, int seed)
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");
        var slo = GeneratedOutput.DefaultSpecs.Slos.Single(s => s.Name == sloName);
        var groups = new[] { RuleBuilder.BuildSlo(slo, RuleOptions.Default) };
        var scenario = WithMaintenance(RandomScenario(slo, new Random(seed)), slo);
        var times = Enumerable.Range(0, Minutes + 1).Select(m => TimeSpan.FromMinutes(m)).ToList();

        var checkpoints = AlertPredictor.Predict(groups, scenario, times, [slo.AlertName]);

        // The input must make some alert fire and some alert resolve, else agreement would be vacuous.
        var firing = checkpoints.Select(c => c.Firing.Select(a => string.Join(",", a.Labels.OrderBy(kv => kv.Key))).ToHashSet()).ToList();
        Assert.Contains(firing, f => f.Count > 0);
        Assert.Contains(Enumerable.Range(1, firing.Count - 1), i => firing[i - 1].Except(firing[i]).Any());
        var dir = ExternalTool.TempDir("qnet-agree");
        File.WriteAllText(Path.Combine(dir, "rules.yaml"), PrometheusRulesWriter.Write(groups));
        File.WriteAllText(Path.Combine(dir, "test.yaml"), PromtoolTestWriter.Write(["rules.yaml"], RuleOptions.Default.EvaluationInterval, [(scenario, checkpoints)]));

        var (code, output) = ExternalTool.Run(promtool, dir, "test", "rules", "test.yaml");

        Assert.True(code == 0, output);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// Adds <c>qnet_maintenance_active</c> series: a window on the SLO's group (minutes 200–260), one on every series
    /// (<c>scope="all"</c>, minutes 400–420) and one on another group (always on), so the rules' maintenance masks
    /// (<c>unless on(...)</c>) are part of what both engines must agree on.
    /// </summary>
    private static TestScenario WithMaintenance(TestScenario scenario, Slo slo)
    {
        List<double?> Active(int from, int to) => Enumerable.Range(0, Minutes + 1).Select(m => (double?)(m >= from && m < to ? 1 : 0)).ToList();
        var group = slo.GroupBy.ToDictionary(l => l, _ => "x");
        group["window"] = "w-group";
        return scenario with
        {
            Series =
            [
                .. scenario.Series,
                new(RuleNames.MaintenanceActive, group, Active(200, 260)),
                new(RuleNames.MaintenanceActive, new Dictionary<string, string> { ["window"] = "w-all", ["scope"] = "all" }, Active(400, 420)),
                new(RuleNames.MaintenanceActive, slo.GroupBy.ToDictionary(l => l, _ => "y"), Active(0, Minutes + 1)),
            ],
        };
    }

    /// <summary>
    /// Bursty traffic with error bursts of random length and strength, a counter reset, and gaps (missing
    /// scrapes), so rate() extrapolation, reset handling and staleness all matter.
    /// </summary>
    private static TestScenario RandomScenario(Slo slo, Random rnd)
    {
        var errorLevel = new double[Minutes + 1];
        for (var m = 0; m <= Minutes; m++)
        {
            errorLevel[m] = m > 0 && rnd.NextDouble() > 0.97 ? rnd.NextDouble() : (m > 0 ? errorLevel[m - 1] * 0.9 : 0);
        }

        var gaps = Enumerable.Range(0, 6).Select(_ => rnd.Next(10, Minutes)).ToHashSet();
        var reset = rnd.Next(Minutes / 3, Minutes / 2);
        var group = slo.GroupBy.ToDictionary(l => l, _ => "x");
        switch (slo.Indicator)
        {
            case RatioSli r:
                {
                    double good = 0, bad = 0;
                    var goodValues = new List<double?>();
                    var badValues = new List<double?>();
                    for (var m = 0; m <= Minutes; m++)
                    {
                        if (m == reset)
                        {
                            good = 0;
                            bad = 0;
                        }

                        var events = rnd.Next(0, 120);
                        var errors = (int)Math.Round(events * errorLevel[m]);
                        good += events - errors;
                        bad += errors;
                        goodValues.Add(gaps.Contains(m) ? null : good);
                        badValues.Add(gaps.Contains(m) ? null : bad);
                    }

                    var total = goodValues.Zip(badValues, (g, b) => g + b).ToList();
                    var role = r.Bad ?? r.Good!;
                    var roleValues = r.Bad is not null ? badValues : goodValues;
                    var roleLabels = new Dictionary<string, string>(group);
                    foreach (var mt in role.Matchers)
                    {
                        roleLabels[mt.Name] = mt.Value;
                    }

                    if (role.Metric == r.Total.Metric)
                    {
                        var extra = role.Matchers.Single();
                        var other = new Dictionary<string, string>(roleLabels) { [extra.Name] = "other" };
                        return new TestScenario("random " + slo.Name, TimeSpan.FromMinutes(1),
                            [new(role.Metric, roleLabels, roleValues), new(role.Metric, other, r.Bad is not null ? goodValues : badValues)]);
                    }

                    return new TestScenario("random " + slo.Name, TimeSpan.FromMinutes(1),
                        [new(role.Metric, roleLabels, roleValues), new(r.Total.Metric, new Dictionary<string, string>(group), total)]);
                }

            default:
                {
                    var t = (ThresholdSli)slo.Indicator;
                    var floor = slo.Objective.Value!.Value;
                    var level = Enumerable.Range(0, Minutes + 1).Select(m => floor * (errorLevel[m] > 0.2 ? 0.5 : 1.5 + rnd.Next(0, 3))).ToList();
                    double counter = 0;
                    var values = Enumerable.Range(0, Minutes + 1)
                        .Select(m => gaps.Contains(m) ? (double?)null : t.IsCounter ? counter += Math.Round(level[m] * 60) : level[m])
                        .ToList();
                    return new TestScenario("random " + slo.Name, TimeSpan.FromMinutes(1), [new(t.Metric.Metric, group, values)]);
                }
        }
    }
}
