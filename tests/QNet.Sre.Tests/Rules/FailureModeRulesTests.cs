using QNet.Sre.Evaluation;
using QNet.Sre.Generation;
using QNet.Sre.Rules;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Rules;

/// <summary>
/// One alert per failure mode F1..F8 in the generated rules, each with its runbook, and the failure-mode alerts
/// behaving as designed in the in-process evaluator (promtool checks the same scenarios: PromtoolTests).
/// </summary>
public sealed class FailureModeRulesTests
{
    private static readonly RuleGroup Group = FailureModeRules.Build(RuleOptions.Default);

    [Fact]
    public void Build_DefaultSpecs_EveryFailureModeHasAnAlertWithARunbookThatLinksTheFailureModesPage()
    {
        var alerts = RuleBuilder.Build(GeneratedOutput.DefaultSpecs, RuleOptions.Default).SelectMany(g => g.Rules).OfType<AlertingRule>().ToList();

        var modes = alerts.Where(a => a.Labels.ContainsKey(RuleNames.FailureModeLabel)).GroupBy(a => a.Labels[RuleNames.FailureModeLabel]).ToDictionary(g => g.Key, g => g.ToList());

        Assert.Equal(Enum.GetNames<FailureMode>().Order(StringComparer.Ordinal), modes.Keys.Order(StringComparer.Ordinal));
        foreach (var a in modes.Values.SelectMany(x => x))
        {
            var page = Path.Combine(Repo.Runbooks, a.Alert + ".md");
            Assert.True(File.Exists(page), $"no runbook for {a.Alert}");
            Assert.Contains("failure-modes.md", File.ReadAllText(page), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("F1", "page")]
    [InlineData("F3", "page")]
    [InlineData("F6", "page")]
    [InlineData("F7", "page")]
    [InlineData("F8", "ticket")]
    public void Build_DefaultSpecs_FailureModeHasAnAlertOfTheExpectedSeverity(string mode, string severity)
    {
        var alerts = RuleBuilder.Build(GeneratedOutput.DefaultSpecs, RuleOptions.Default).SelectMany(g => g.Rules).OfType<AlertingRule>();

        Assert.Contains(alerts, a => a.Labels.GetValueOrDefault(RuleNames.FailureModeLabel) == mode && a.Labels["severity"] == severity);
    }

    [Fact]
    public void CalibrationDriftPredicted_DriftRamp_TicketsFourHoursBeforeTheTolerance()
    {
        var ramp = FailureModeScenarios.All().Single(s => s.Scenario.Name.StartsWith("F8 drift ramp", StringComparison.Ordinal)).Scenario;
        var minutes = Enumerable.Range(0, 301).Select(m => TimeSpan.FromMinutes(m)).ToList();

        var firing = AlertPredictor.Predict([Group], ramp, minutes, [FailureModeRules.CalibrationDriftPredictedAlert])
            .Where(c => c.Firing.Count > 0).Select(c => (int)c.EvalTime.TotalMinutes).ToList();

        // The last hour's line through drift = 0.011 h⁻¹ · t is exact, so the prediction 0.011 · (t + 4 h) passes 0.05 at
        // t = 32.7 min: pending from the 33-minute evaluation, firing 10 minutes later. The drift itself reaches 0.05 at
        // 272.7 min, where the ticket resolves (the SLO alert takes over).
        Assert.Equal(43, firing[0]);
        Assert.Equal(272, firing[^1]);
        Assert.Equal(272 - 43 + 1, firing.Count);
        Assert.True(FailureModeScenarios.RampPerHour * firing[0] / 60 < MetricCatalogue.CalibrationDriftTolerance);
    }

    [Fact]
    public void CalibrationDriftPredicted_RoutineCalibrationEvery8Hours_NeverFires()
    {
        var routine = FailureModeScenarios.All().Single(s => s.Scenario.Name.StartsWith("F8 routine", StringComparison.Ordinal)).Scenario;
        var minutes = Enumerable.Range(0, 121).Select(i => TimeSpan.FromMinutes(5 * i)).ToList();

        var checkpoints = AlertPredictor.Predict([Group], routine, minutes, FailureModeScenarios.AlertNames);

        Assert.All(checkpoints, c => Assert.Empty(c.Firing));
    }

    [Theory]
    [InlineData("F3 coherence", FailureModeRules.MemoryDecoherenceAlert)]
    [InlineData("F5 background", FailureModeRules.DetectorClickAnomalyAlert)]
    [InlineData("F7 verification", FailureModeRules.KeyVerificationFailingAlert)]
    public void FailureModeAlert_Fault_SilentBeforeAndFiringWithin20Minutes(string scenarioPrefix, string alert)
    {
        var scenario = FailureModeScenarios.All().Single(s => s.Scenario.Name.StartsWith(scenarioPrefix, StringComparison.Ordinal)).Scenario;
        var minutes = Enumerable.Range(0, FailureModeScenarios.End + 1).Select(m => TimeSpan.FromMinutes(m)).ToList();

        var checkpoints = AlertPredictor.Predict([Group], scenario, minutes, FailureModeScenarios.AlertNames);

        Assert.All(checkpoints.Where(c => c.EvalTime < TimeSpan.FromMinutes(FailureModeScenarios.FaultStart)), c => Assert.Empty(c.Firing));
        Assert.All(checkpoints.Where(c => c.AlertName != alert), c => Assert.Empty(c.Firing));
        Assert.NotEmpty(Assert.Single(checkpoints, c => c.AlertName == alert && c.EvalTime == TimeSpan.FromMinutes(FailureModeScenarios.FaultStart + 20)).Firing);
    }

    [Fact]
    public void KeyVerificationFailing_AfterTheRollback_Resolves()
    {
        var scenario = FailureModeScenarios.All().Single(s => s.Scenario.Name.StartsWith("F7", StringComparison.Ordinal)).Scenario;

        var end = AlertPredictor.Predict([Group], scenario, [TimeSpan.FromMinutes(FailureModeScenarios.FaultEnd + 10)], [FailureModeRules.KeyVerificationFailingAlert]);

        Assert.Empty(Assert.Single(end).Firing);
    }

    [Fact]
    public void PredictLinear_ExactLine_ReadsTheLineAtTheHorizon()
    {
        MetricSample[] points = [new(0, 1), new(60_000, 2), new(120_000, 3)];

        Assert.Equal(4, RateMath.PredictLinear(points, 120_000, 60)!.Value, 12);
        Assert.Equal(3, RateMath.PredictLinear(points, 120_000, 0)!.Value, 12);
        Assert.Null(RateMath.PredictLinear(points[..1], 0, 60));
    }
}
