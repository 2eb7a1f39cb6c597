namespace QNet.Sre.Rules;

/// <summary>Options of rule generation.</summary>
/// <param name="RunbookBaseUrl">
/// Prefix of runbook links, ending in <c>/</c>; the alert name and <c>.md</c> are appended. An absolute URL (the
/// repository's web view of docs/runbooks/) or a path relative to the repository root.
/// </param>
/// <param name="EvaluationInterval">Rule group evaluation interval (and the in-process evaluation step); whole seconds, at least 1 s.</param>
public sealed record RuleOptions(string RunbookBaseUrl, TimeSpan EvaluationInterval)
{
    /// <summary>Runbook links into the repository's <c>docs/runbooks/</c> folder (relative to the repository root).</summary>
    public const string DefaultRunbookBaseUrl = "docs/runbooks/";

    /// <summary>Runbooks in the repository's docs/runbooks folder (relative links), one-minute evaluation.</summary>
    public static RuleOptions Default { get; } = new(DefaultRunbookBaseUrl, TimeSpan.FromMinutes(1));

    public string RunbookBaseUrl { get; init; } = string.IsNullOrWhiteSpace(RunbookBaseUrl) || !RunbookBaseUrl.EndsWith('/')
        ? throw new ArgumentException("RunbookBaseUrl must not be empty and must end in '/'", nameof(RunbookBaseUrl))
        : RunbookBaseUrl;

    public TimeSpan EvaluationInterval { get; init; } = EvaluationInterval >= TimeSpan.FromSeconds(1) && EvaluationInterval.Ticks % TimeSpan.TicksPerSecond == 0
        ? EvaluationInterval
        : throw new ArgumentOutOfRangeException(nameof(EvaluationInterval), EvaluationInterval, "EvaluationInterval must be a whole number of seconds, at least 1 s");
}
