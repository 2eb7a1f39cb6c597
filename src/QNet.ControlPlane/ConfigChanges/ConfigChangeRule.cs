namespace QNet.ControlPlane.ConfigChanges;

/// <summary>
/// How a canary is judged (docs/config-changes.md). Each SLI is compared as a difference in differences: the canary's
/// change from its own before-window to its bake window, minus the same change on the baseline links (the rest of the
/// same kind, pooled), so links of different lengths compare fairly and a network-wide drift during the bake cancels.
/// The canary regresses when
/// <list type="bullet">
/// <item>quality (mean pair fidelity, or fraction of QKD blocks that verified): Δq &lt; −(<see cref="QualityMargin"/> + z·σ_Δq),
/// σ from the four windows' sample variances;</item>
/// <item>rate (pairs or blocks per second): ln(r_c′/r_c) − ln(r_b′/r_b) &lt; ln(1 − <see cref="RateMargin"/>) − z·σ,
/// σ² = Σ 1/n over the four windows (Poisson counts);</item>
/// </list>
/// with z = <see cref="NoiseSigmas"/>. A canary window with fewer than <see cref="MinSamples"/> samples is no evidence:
/// the change is rolled back as inconclusive rather than promoted blind. Baseline windows that small are left out (the
/// canary is then compared with its own before-window only).
/// </summary>
/// <param name="BakeSeconds">Simulated seconds of each window (the before-window, then the bake with the canary changed), &gt; 0.</param>
/// <param name="QualityMargin">Quality loss tolerated beyond the noise (fidelity units, or a fraction of blocks), 0..1.</param>
/// <param name="RateMargin">Relative rate loss tolerated beyond the noise, 0..1 (0.25: a quarter).</param>
/// <param name="NoiseSigmas">z: standard errors of the compared figure added to each margin, ≥ 0.</param>
/// <param name="MinSamples">Fewest samples (pairs or blocks) a canary window needs to be judged, ≥ 1.</param>
internal sealed record ConfigChangeRule(double BakeSeconds = 60, double QualityMargin = 0.02, double RateMargin = 0.25, double NoiseSigmas = 3, int MinSamples = 100)
{
    /// <summary>Longest bake a change may ask for, in simulated seconds (one day).</summary>
    public const double MaxBakeSeconds = 86_400;

    public double BakeSeconds { get; } = BakeSeconds is > 0 and <= MaxBakeSeconds ? BakeSeconds
        : throw new ArgumentOutOfRangeException(nameof(BakeSeconds), BakeSeconds, $"bakeSeconds must lie in (0, {MaxBakeSeconds}].");

    public double QualityMargin { get; } = QualityMargin is >= 0 and <= 1 ? QualityMargin
        : throw new ArgumentOutOfRangeException(nameof(QualityMargin), QualityMargin, "qualityMargin must lie in [0, 1].");

    public double RateMargin { get; } = RateMargin is >= 0 and < 1 ? RateMargin
        : throw new ArgumentOutOfRangeException(nameof(RateMargin), RateMargin, "rateMargin must lie in [0, 1).");

    public double NoiseSigmas { get; } = NoiseSigmas is >= 0 and <= 10 ? NoiseSigmas
        : throw new ArgumentOutOfRangeException(nameof(NoiseSigmas), NoiseSigmas, "noiseSigmas must lie in [0, 10].");

    public int MinSamples { get; } = MinSamples >= 1 ? MinSamples
        : throw new ArgumentOutOfRangeException(nameof(MinSamples), MinSamples, "minSamples must be at least 1.");

    /// <summary>The verdict on a canary's before- and bake-windows against the baseline's (null baseline: no links to compare with).</summary>
    public ConfigVerdict Judge(SliWindow canaryBefore, SliWindow canaryAfter, SliWindow? baselineBefore, SliWindow? baselineAfter)
    {
        if (canaryBefore.Count < MinSamples || canaryAfter.Count < MinSamples)
        {
            return new ConfigVerdict(ConfigVerdictKind.Inconclusive, double.NaN, double.NaN, double.NaN, double.NaN,
                $"the canary produced {canaryBefore.Count:0} samples before and {canaryAfter.Count:0} during the bake; at least {MinSamples} each are needed to judge it");
        }
        bool withBaseline = baselineBefore is { } bb && baselineAfter is { } ba && bb.Count >= MinSamples && ba.Count >= MinSamples;
        double qualityShift = canaryAfter.Mean - canaryBefore.Mean;
        double qualityVar = canaryAfter.MeanVariance + canaryBefore.MeanVariance;
        double rateShift = Math.Log(canaryAfter.Rate / canaryBefore.Rate);
        double rateVar = 1 / canaryAfter.Count + 1 / canaryBefore.Count;
        if (withBaseline)
        {
            var (b0, b1) = (baselineBefore!.Value, baselineAfter!.Value);
            qualityShift -= b1.Mean - b0.Mean;
            qualityVar += b1.MeanVariance + b0.MeanVariance;
            rateShift -= Math.Log(b1.Rate / b0.Rate);
            rateVar += 1 / b1.Count + 1 / b0.Count;
        }
        double qualityFloor = -(QualityMargin + NoiseSigmas * Math.Sqrt(qualityVar));
        double rateFloor = Math.Log(1 - RateMargin) - NoiseSigmas * Math.Sqrt(rateVar);
        string against = withBaseline ? "relative to the baseline links" : "against its own before-window (no baseline links with enough samples)";
        var reasons = new List<string>(2);
        if (qualityShift < qualityFloor)
        {
            reasons.Add($"quality moved by {qualityShift:+0.00000;-0.00000} {against}, below the allowed {qualityFloor:+0.00000;-0.00000} (margin {QualityMargin} + {NoiseSigmas}σ)");
        }
        if (rateShift < rateFloor)
        {
            reasons.Add($"rate moved by a factor {Math.Exp(rateShift):0.000} {against}, below the allowed {Math.Exp(rateFloor):0.000} (margin {RateMargin} + {NoiseSigmas}σ)");
        }
        return reasons.Count > 0
            ? new ConfigVerdict(ConfigVerdictKind.Regressed, qualityShift, qualityFloor, rateShift, rateFloor, string.Join("; ", reasons))
            : new ConfigVerdict(ConfigVerdictKind.Healthy, qualityShift, qualityFloor, rateShift, rateFloor,
                $"quality moved by {qualityShift:+0.00000;-0.00000} (allowed {qualityFloor:+0.00000;-0.00000}) and rate by a factor {Math.Exp(rateShift):0.000} (allowed {Math.Exp(rateFloor):0.000}) {against}");
    }
}

/// <summary>What the canary's comparison found.</summary>
internal enum ConfigVerdictKind
{
    /// <summary>No SLI worse than the baseline beyond its margin and noise: promote.</summary>
    Healthy,

    /// <summary>An SLI is worse beyond its margin and noise: roll back.</summary>
    Regressed,

    /// <summary>Too few samples to judge: roll back rather than promote blind.</summary>
    Inconclusive,
}

/// <summary>A verdict and the compared figures (shifts and the floors they were held to; NaN when inconclusive).</summary>
/// <param name="Kind">Healthy, regressed or inconclusive.</param>
/// <param name="QualityShift">Δq: canary's quality change minus the baseline's.</param>
/// <param name="QualityFloor">The lowest Δq accepted.</param>
/// <param name="RateShift">Canary's log rate ratio minus the baseline's.</param>
/// <param name="RateFloor">The lowest log rate shift accepted.</param>
/// <param name="Reason">The sentence shown to operators.</param>
internal sealed record ConfigVerdict(ConfigVerdictKind Kind, double QualityShift, double QualityFloor, double RateShift, double RateFloor, string Reason);
