namespace QNet.ControlPlane.ConfigChanges;

/// <summary>A configuration change as the API shows it and the store keeps it (docs/config-changes.md).</summary>
/// <param name="Id">Change id (<c>cc-</c> and 12 hex digits).</param>
/// <param name="Field">The field's wire name (bright-state-population, source-efficiency, detector-efficiency, detection-window, post-processing-version).</param>
/// <param name="Value">The new value, in the field's unit.</param>
/// <param name="Canary">The link that takes the change first.</param>
/// <param name="Previous">The canary's value before the change (what a rollback restores).</param>
/// <param name="Baseline">The other links of the same kind: they take the change on promotion.</param>
/// <param name="Compared">The baseline links the canary is compared with: those sharing no session path with it at the start (a link on the
/// canary's path delivers at the canary's pace, so it is no independent control).</param>
/// <param name="Status">observing, baking, promoted, rolled-back or aborted.</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="UpdatedAt">When its status last changed.</param>
/// <param name="Rule">Bake time, margins and noise multiplier it is judged by.</param>
/// <param name="Steps">Every step with its simulated time and reason, oldest first.</param>
/// <param name="Figures">The compared figures once judged, else null.</param>
public sealed record ConfigChangeView(string Id, string Field, double Value, string Canary, double Previous, IReadOnlyList<string> Baseline, IReadOnlyList<string> Compared, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ConfigChangeRuleView Rule, IReadOnlyList<ConfigChangeStepView> Steps, ConfigChangeFiguresView? Figures);

/// <summary>The statistical rule of a change.</summary>
/// <param name="BakeSeconds">Simulated seconds of the before-window and of the bake.</param>
/// <param name="QualityMargin">Quality loss tolerated beyond the noise (fidelity, or fraction of verified QKD blocks).</param>
/// <param name="RateMargin">Relative rate loss tolerated beyond the noise.</param>
/// <param name="NoiseSigmas">Standard errors added to each margin.</param>
/// <param name="MinSamples">Fewest pairs (or QKD blocks) each canary window needs.</param>
public sealed record ConfigChangeRuleView(double BakeSeconds, double QualityMargin, double RateMargin, double NoiseSigmas, int MinSamples);

/// <summary>One step of a change.</summary>
/// <param name="SimulatedSeconds">Twin time of the step.</param>
/// <param name="Step">requested, canary-applied, promoted, rolled-back or aborted.</param>
/// <param name="Reason">Why, with the figures that decided it.</param>
public sealed record ConfigChangeStepView(double SimulatedSeconds, string Step, string Reason);

/// <summary>The figures a canary was judged on (quality: mean fidelity or verified fraction; rate: samples per second).</summary>
/// <param name="CanaryBefore">Canary before the change.</param>
/// <param name="CanaryAfter">Canary during the bake.</param>
/// <param name="BaselineBefore">Compared baseline links pooled, before-window (null without any).</param>
/// <param name="BaselineAfter">Baseline links pooled, bake window.</param>
/// <param name="QualityShift">Canary's quality change minus the baseline's.</param>
/// <param name="QualityFloor">Lowest quality shift accepted.</param>
/// <param name="RateFactor">Canary's rate ratio over the baseline's.</param>
/// <param name="RateFloor">Lowest rate factor accepted.</param>
/// <param name="Verdict">healthy, regressed or inconclusive.</param>
public sealed record ConfigChangeFiguresView(SliFigures CanaryBefore, SliFigures CanaryAfter, SliFigures? BaselineBefore, SliFigures? BaselineAfter,
    double? QualityShift, double? QualityFloor, double? RateFactor, double? RateFloor, string Verdict);

/// <summary>One window's figures.</summary>
/// <param name="Samples">Pairs (or QKD blocks) in the window.</param>
/// <param name="Quality">Mean fidelity (or fraction of blocks verified); null without samples.</param>
/// <param name="Rate">Samples per simulated second.</param>
public sealed record SliFigures(double Samples, double? Quality, double Rate)
{
    internal static SliFigures Of(SliWindow w) => new(w.Count, w.Count > 0 ? w.Mean : null, w.Rate);
}
