using QNet.Sre.Evaluation;
using QNet.Sre.Generation;
using QNet.Sre.Rules;
using QNet.Sre.Specs;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Generation;

/// <summary>
/// The generated rules leave maintenance (the exporter's <c>qnet_maintenance_active</c> gauge) out of time-slice SLIs
/// and of every budget (time slices and occurrences) and silence alerts while a window is active. The generated promtool tests carry the same scenarios
/// (<see cref="PromtoolTests"/> runs them), so what is asserted here on the in-process side is also what Prometheus does.
/// </summary>
public sealed class MaintenanceRulesTests
{
    private static readonly List<TimeSpan> Times = Enumerable.Range(0, ScenarioFactory.End + 1).Select(m => TimeSpan.FromMinutes(m)).ToList();

    public static TheoryData<string> SloNames() => [.. GeneratedOutput.DefaultSpecs.Slos.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SloNames))]
    public void Rules_OutageUnderMaintenance_NoAlertWhileActive_AlertWithoutIt(string sloName)
    {
        var slo = GeneratedOutput.DefaultSpecs.Slos.Single(s => s.Name == sloName);
        var groups = new[] { RuleBuilder.BuildSlo(slo, RuleOptions.Default), RuleBuilder.Build(GeneratedOutput.DefaultSpecs, RuleOptions.Default)[^1] };
        var scenarios = ScenarioFactory.For(slo);
        var burn = scenarios.Single(s => s.Name.EndsWith(": burn and recovery", StringComparison.Ordinal));
        var maintained = scenarios.Single(s => s.Name.EndsWith(": outage during maintenance", StringComparison.Ordinal));
        string[] alerts = [slo.AlertName, RuleNames.LinkDownAlert];
        bool During(Checkpoint c) => c.EvalTime >= TimeSpan.FromMinutes(ScenarioFactory.MaintenanceStart) && c.EvalTime < TimeSpan.FromMinutes(ScenarioFactory.MaintenanceEnd);

        var without = AlertPredictor.Predict(groups, burn, Times, alerts);
        var with = AlertPredictor.Predict(groups, maintained, Times, alerts);

        Assert.Contains(without, c => During(c) && c.AlertName == slo.AlertName && c.Firing.Count > 0);
        Assert.DoesNotContain(with, c => During(c) && c.Firing.Count > 0);
        if (slo.Budgeting == BudgetingMethod.Timeslices)
        {
            // The maintenance instants are not slices at all: nothing burns, so nothing fires after the window either.
            Assert.DoesNotContain(with, c => c.AlertName == slo.AlertName && c.Firing.Count > 0);
        }
    }

    [Theory]
    [MemberData(nameof(SloNames))]
    public void Rules_OutageUnderMaintenance_PeriodErrorRatioStaysZero(string sloName)
    {
        var slo = GeneratedOutput.DefaultSpecs.Slos.Single(s => s.Name == sloName);
        if (!slo.Window.IsRolling)
        {
            return; // calendar periods have no period-long recording rule
        }

        var groups = new[] { RuleBuilder.BuildSlo(slo, RuleOptions.Default) };
        var scenarios = ScenarioFactory.For(slo);
        double PeriodRatio(string suffix)
        {
            IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)> recorded = [];
            AlertPredictor.Predict(groups, scenarios.Single(s => s.Name.EndsWith(suffix, StringComparison.Ordinal)), Times, [slo.AlertName],
                e => recorded = e.Recorded(RuleNames.ErrorRatio(slo.Window.Nominal), slo.Name));
            return Assert.Single(recorded).Value;
        }

        var burnt = PeriodRatio(": burn and recovery");
        Assert.True(burnt > 0);
        Assert.Equal(0, PeriodRatio(": outage during maintenance"));
        if (slo.Budgeting == BudgetingMethod.Occurrences)
        {
            // Summed per-evaluation counts give the plain event ratio: every event is bad from minute 60 to 100 of 180
            // (60 a minute throughout). The recorded 2-minute windows blur each edge of the burn by about a minute, so
            // 2 % of the ratio bounds the difference.
            const double expected = (double)(ScenarioFactory.BurnEnd - ScenarioFactory.BurnStart) / ScenarioFactory.End;
            Assert.InRange(burnt, expected * 0.98, expected * 1.02);
        }
    }

    [Fact]
    public void OutsideMaintenance_GroupedByLinkAndRegion_RendersOneUnlessPerLabelAndTheGlobalScope()
    {
        var expr = RuleBuilder.OutsideMaintenance(new SelectorExpr(new MetricSelector("m", [])), ["link", "region"]);

        Assert.Equal(
            """((m unless on(link) (qnet_maintenance_active{link!=""} > 0)) unless on(region) (qnet_maintenance_active{region!=""} > 0)) unless on() (qnet_maintenance_active{scope="all"} > 0)""",
            PromQlText.Render(expr));
    }

    [Fact]
    public void OutsideMaintenance_WindowOnOneLink_RemovesOnlyThatLinksSeries()
    {
        var history = new InMemoryMetricHistory();
        history.Add("m", new Dictionary<string, string> { ["link"] = "a" }, 0, 1);
        history.Add("m", new Dictionary<string, string> { ["link"] = "b" }, 0, 1);
        history.Add(RuleNames.MaintenanceActive, new Dictionary<string, string> { ["window"] = "w", ["link"] = "a", ["node"] = "n" }, 0, 1);
        history.Add(RuleNames.MaintenanceActive, new Dictionary<string, string> { ["window"] = "v", ["link"] = "b" }, 0, 0);
        var engine = new PromQlEngine(history.Query);

        var kept = engine.EvaluateVector(RuleBuilder.OutsideMaintenance(new SelectorExpr(new MetricSelector("m", [])), ["link"]), 0);

        Assert.Equal("b", Assert.Single(kept).Labels.ToDictionary()["link"]);
        history.Add(RuleNames.MaintenanceActive, new Dictionary<string, string> { ["window"] = "all", ["scope"] = "all" }, 0, 1);
        Assert.Empty(engine.EvaluateVector(RuleBuilder.OutsideMaintenance(new SelectorExpr(new MetricSelector("m", [])), ["link"]), 0));
    }
}
