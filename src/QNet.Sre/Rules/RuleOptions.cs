namespace QNet.Sre.Rules;

/// <summary>Options of rule generation.</summary>
/// <param name="RunbookBaseUrl">Prefix of runbook links; the alert name and <c>.md</c> are appended.</param>
/// <param name="EvaluationInterval">Rule group evaluation interval (and the in-process evaluation step).</param>
public sealed record RuleOptions(string RunbookBaseUrl, TimeSpan EvaluationInterval)
{
    /// <summary>Runbooks in the repository's docs/runbooks folder, one-minute evaluation.</summary>
    public static RuleOptions Default { get; } = new("https://github.com/qnet-project/qnet/blob/main/docs/runbooks/", TimeSpan.FromMinutes(1));
}
