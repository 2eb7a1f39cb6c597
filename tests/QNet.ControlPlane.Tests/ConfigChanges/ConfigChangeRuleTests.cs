using QNet.ControlPlane.ConfigChanges;

namespace QNet.ControlPlane.Tests.ConfigChanges;

/// <summary>The canary rule at its boundaries: exactly at a margin holds, a sample past it regresses; noise widens the margin by z standard errors.</summary>
public sealed class ConfigChangeRuleTests
{
    // n samples all of quality q over one second (zero spread: the noise term is 0). q and the margins are binary-exact.
    private static SliWindow Flat(double n, double q) => new(n, n * q, n * q * q, 1);

    [Fact]
    public void Judge_QualityDropExactlyAtMargin_Healthy()
    {
        var rule = new ConfigChangeRule(QualityMargin: 0.25, RateMargin: 0.5, NoiseSigmas: 3, MinSamples: 10);
        var verdict = rule.Judge(Flat(1000, 1), Flat(1000, 0.75), null, null);
        Assert.Equal(ConfigVerdictKind.Healthy, verdict.Kind);
        Assert.Equal(-0.25, verdict.QualityShift);
        Assert.Equal(-0.25, verdict.QualityFloor);
    }

    [Fact]
    public void Judge_QualityDropJustPastMargin_Regressed()
    {
        var rule = new ConfigChangeRule(QualityMargin: 0.2499, RateMargin: 0.5, NoiseSigmas: 3, MinSamples: 10);
        var verdict = rule.Judge(Flat(1000, 1), Flat(1000, 0.75), null, null);
        Assert.Equal(ConfigVerdictKind.Regressed, verdict.Kind);
        Assert.Contains("quality moved by -0.25000", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_BaselineDropsAsMuch_DifferenceCancelsAndHealthy()
    {
        // The whole network lost 0.25 during the bake (a drift, not the change): relative to the baseline the canary did not move.
        var rule = new ConfigChangeRule(QualityMargin: 0.0625, RateMargin: 0.5, NoiseSigmas: 0, MinSamples: 10);
        var verdict = rule.Judge(Flat(1000, 1), Flat(1000, 0.75), Flat(1000, 1), Flat(1000, 0.75));
        Assert.Equal(ConfigVerdictKind.Healthy, verdict.Kind);
        Assert.Equal(0, verdict.QualityShift);
        Assert.Contains("relative to the baseline", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RateFallsExactlyToMargin_HealthyAndOneFewerRegressed()
    {
        var rule = new ConfigChangeRule(QualityMargin: 0.5, RateMargin: 0.25, NoiseSigmas: 0, MinSamples: 10);
        Assert.Equal(ConfigVerdictKind.Healthy, rule.Judge(Flat(400, 1), Flat(300, 1), null, null).Kind);
        var verdict = rule.Judge(Flat(400, 1), Flat(299, 1), null, null);
        Assert.Equal(ConfigVerdictKind.Regressed, verdict.Kind);
        Assert.Contains("rate moved by a factor 0.748", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoisyWindows_FloorWidenedByZStandardErrors()
    {
        // Bernoulli windows (QKD blocks verified or not): 100 blocks, 90 then 80 verified. Sample variances 0.09·100/99 and
        // 0.16·100/99, so σ_Δq = sqrt((0.09 + 0.16)/99) ≈ 0.0503; with z = 2 the floor is −(0.02 + 0.1005).
        var before = new SliWindow(100, 90, 90, 10);
        var after = new SliWindow(100, 80, 80, 10);
        double sigma = Math.Sqrt((0.09 + 0.16) / 99);
        var rule = new ConfigChangeRule(QualityMargin: 0.02, RateMargin: 0.5, NoiseSigmas: 2, MinSamples: 10);
        var verdict = rule.Judge(before, after, null, null);
        Assert.Equal(-(0.02 + 2 * sigma), verdict.QualityFloor, 12);
        Assert.Equal(ConfigVerdictKind.Healthy, verdict.Kind); // −0.10 is within −0.1206
        var tight = new ConfigChangeRule(QualityMargin: 0.02, RateMargin: 0.5, NoiseSigmas: 1, MinSamples: 10).Judge(before, after, null, null);
        Assert.Equal(ConfigVerdictKind.Regressed, tight.Kind); // −0.10 is past −0.0703
    }

    [Fact]
    public void Judge_CanaryWindowBelowMinSamples_Inconclusive()
    {
        var rule = new ConfigChangeRule(MinSamples: 100);
        var verdict = rule.Judge(Flat(100, 1), Flat(99, 1), null, null);
        Assert.Equal(ConfigVerdictKind.Inconclusive, verdict.Kind);
        Assert.Contains("99 during the bake", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_BaselineWindowBelowMinSamples_ComparedWithOwnBeforeWindowOnly()
    {
        var rule = new ConfigChangeRule(QualityMargin: 0.25, RateMargin: 0.5, NoiseSigmas: 0, MinSamples: 10);
        var verdict = rule.Judge(Flat(100, 1), Flat(100, 0.75), Flat(5, 1), Flat(5, 0.5));
        Assert.Equal(-0.25, verdict.QualityShift);
        Assert.Contains("against its own before-window", verdict.Reason, StringComparison.Ordinal);
    }
}
