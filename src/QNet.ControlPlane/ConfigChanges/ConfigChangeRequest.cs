namespace QNet.ControlPlane.ConfigChanges;

/// <summary>Body of <c>POST /api/v1/config-changes</c> (docs/config-changes.md).</summary>
/// <param name="Field">bright-state-population, source-efficiency, detector-efficiency, detection-window (entanglement links) or post-processing-version (QKD links).</param>
/// <param name="Value">The new value in the field's unit (a probability, an efficiency, seconds, a version number).</param>
/// <param name="Link">The canary link; omitted: the first link in the scenario the field applies to.</param>
/// <param name="BakeSeconds">Simulated seconds of the before-window and of the bake, default 60.</param>
/// <param name="QualityMargin">Quality loss tolerated beyond the noise, default 0.02.</param>
/// <param name="RateMargin">Relative rate loss tolerated beyond the noise, default 0.25.</param>
/// <param name="NoiseSigmas">Standard errors added to each margin, default 3.</param>
/// <param name="MinSamples">Fewest pairs (or QKD blocks) a canary window needs, default 100 (QKD: 3).</param>
public sealed record ConfigChangeRequest(string? Field, double? Value, string? Link = null, double? BakeSeconds = null, double? QualityMargin = null,
    double? RateMargin = null, double? NoiseSigmas = null, int? MinSamples = null)
{
    /// <summary>Fewest QKD blocks per window when the request gives none (a block takes seconds of simulated time).</summary>
    public const int DefaultQkdMinSamples = 3;

    /// <summary>The rule the request asks for, or the field and message of the first value out of range.</summary>
    internal (ConfigChangeRule? Rule, string? Field, string? Error) Rule(bool qkd)
    {
        var d = new ConfigChangeRule();
        double bake = BakeSeconds ?? d.BakeSeconds, quality = QualityMargin ?? d.QualityMargin, rate = RateMargin ?? d.RateMargin, sigmas = NoiseSigmas ?? d.NoiseSigmas;
        int min = MinSamples ?? (qkd ? DefaultQkdMinSamples : d.MinSamples);
        if (!(bake > 0 && bake <= ConfigChangeRule.MaxBakeSeconds))
        {
            return (null, "bakeSeconds", $"must lie in (0, {ConfigChangeRule.MaxBakeSeconds}] simulated seconds");
        }
        if (!(quality is >= 0 and <= 1))
        {
            return (null, "qualityMargin", "must lie in [0, 1]");
        }
        if (!(rate is >= 0 and < 1))
        {
            return (null, "rateMargin", "must lie in [0, 1)");
        }
        if (!(sigmas is >= 0 and <= 10))
        {
            return (null, "noiseSigmas", "must lie in [0, 10]");
        }
        if (min < 1)
        {
            return (null, "minSamples", "must be at least 1");
        }
        return (new ConfigChangeRule(bake, quality, rate, sigmas, min), null, null);
    }
}
