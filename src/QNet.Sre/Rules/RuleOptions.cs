namespace QNet.Sre.Rules;

/// <summary>Options of rule generation.</summary>
/// <param name="RunbookBaseUrl">Prefix of runbook links; the alert name and <c>.md</c> are appended.</param>
/// <param name="EvaluationInterval">Rule group evaluation interval (and the in-process evaluation step); whole seconds, at least 1 s.</param>
public sealed record RuleOptions(string RunbookBaseUrl, TimeSpan EvaluationInterval)
{
    /// <summary>Runbooks in the repository's docs/runbooks folder, one-minute evaluation.</summary>
    public static RuleOptions Default { get; } = new("https://github.com/qnet-project/qnet/blob/main/docs/runbooks/", TimeSpan.FromMinutes(1));

    public string RunbookBaseUrl { get; init; } = string.IsNullOrWhiteSpace(RunbookBaseUrl)
        ? throw new ArgumentException("RunbookBaseUrl must not be empty", nameof(RunbookBaseUrl))
        : RunbookBaseUrl;

    public TimeSpan EvaluationInterval { get; init; } = EvaluationInterval >= TimeSpan.FromSeconds(1) && EvaluationInterval.Ticks % TimeSpan.TicksPerSecond == 0
        ? EvaluationInterval
        : throw new ArgumentOutOfRangeException(nameof(EvaluationInterval), EvaluationInterval, "EvaluationInterval must be a whole number of seconds, at least 1 s");
}
