using QNet.Sre.Evaluation;
using QNet.Sre.Generation;
using QNet.Sre.Rules;
using QNet.Sre.Specs;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Evaluation;

public sealed class RuleEvaluatorTests
{
    private static Slo SessionSuccess => GeneratedOutput.DefaultSpecs.Slos.Single(s => s.Name == "session-success");

    /// <summary>Firing alerts of <paramref name="slo"/> per minute over the scenario, keyed by long window.</summary>
    private static List<HashSet<string>> FiringPerMinute(Slo slo, TestScenario scenario)
    {
        var evaluator = new RuleEvaluator([RuleBuilder.BuildSlo(slo, RuleOptions.Default)], scenario.ToHistory());
        var result = new List<HashSet<string>>();
        for (var m = 0; m <= ScenarioFactory.End; m++)
        {
            evaluator.EvaluateAt(m * 60_000L);
            result.Add(evaluator.Firing.Select(a => a.Labels["severity"] + "/" + a.Labels["long_window"]).ToHashSet());
        }

        return result;
    }

    [Fact]
    public void EvaluateAt_FastBurn_PagesWithinMinutesAndResolvesWhenTheShortWindowClears()
    {
        var scenario = ScenarioFactory.For(SessionSuccess)[0];

        var firing = FiringPerMinute(SessionSuccess, scenario);

        // All 60 events/min fail from minute 60: the 1h ratio passes 14.4 × 1 % after ~9 minutes, then `for: 2m`.
        var firstPage = firing.FindIndex(f => f.Contains("page/1h"));
        Assert.InRange(firstPage, 66, 75);
        Assert.DoesNotContain(firing.Take(ScenarioFactory.BurnStart), f => f.Count > 0);
        // Errors stop at minute 100: by 105 the 5m window holds no bad event, so the page resolves (short window).
        Assert.Contains("page/1h", firing[ScenarioFactory.BurnEnd]);
        Assert.DoesNotContain("page/1h", firing[ScenarioFactory.BurnEnd + 5]);
        Assert.Contains("page/6h", firing[ScenarioFactory.BurnEnd]);
    }

    [Fact]
    public void EvaluateAt_LowTrafficFailures_DoNotPageWithTheGuardButDoWithout()
    {
        var trickle = ScenarioFactory.For(SessionSuccess)[1];
        Assert.Contains("guard", trickle.Name, StringComparison.Ordinal);

        var guarded = FiringPerMinute(SessionSuccess, trickle);
        var unguarded = FiringPerMinute(SessionSuccess with { MinEvents = 0 }, trickle);

        // One event every 10 minutes: 6 per hour < 20 required, so one failure must not page.
        Assert.All(guarded, f => Assert.Empty(f));
        Assert.Contains(unguarded, f => f.Contains("page/1h"));
    }

    [Fact]
    public void EvaluateAt_FreshCounterSeriesAtStartup_DoesNotCountSlowSlices()
    {
        // The link generates twice its floor from minute 0; rate() over a series younger than the slice reads low,
        // so without the "existed a slice ago" gate the first slices would be bad and the page would fire.
        var slo = GeneratedOutput.DefaultSpecs.Slos.Single(s => s.Name == "link-generation-rate");
        var scenario = ScenarioFactory.For(slo)[0];

        var firing = FiringPerMinute(slo, scenario);

        Assert.All(firing.Take(ScenarioFactory.BurnStart), f => Assert.Empty(f));
        Assert.Contains(firing, f => f.Contains("page/1h"));
    }

    [Fact]
    public void EvaluateAt_DecreasingInstants_Throws()
    {
        var evaluator = new RuleEvaluator([RuleBuilder.BuildSlo(SessionSuccess, RuleOptions.Default)], new InMemoryMetricHistory());
        evaluator.EvaluateAt(60_000);

        Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.EvaluateAt(60_000));
    }
}
