namespace QNet.Sre.Evaluation;

/// <summary>Prometheus alert states.</summary>
public enum AlertStatus
{
    Inactive,
    Pending,
    Firing,
}

/// <summary>An alert produced by the in-process rule evaluator, as Prometheus would hold it.</summary>
/// <param name="Name">Alert name.</param>
/// <param name="Labels">Labels (alertname, rule labels and the result series' labels).</param>
/// <param name="Annotations">Annotations (summary, description, runbook_url).</param>
/// <param name="Status">Pending, firing, or inactive once resolved.</param>
/// <param name="ActiveAt">When the condition first held.</param>
/// <param name="FiredAt">When it started firing (null while pending).</param>
/// <param name="ResolvedAt">When it resolved (null while active).</param>
/// <param name="Value">Value of the alert expression at the last evaluation (the long-window error ratio).</param>
public sealed record AlertState(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    AlertStatus Status,
    DateTimeOffset ActiveAt,
    DateTimeOffset? FiredAt,
    DateTimeOffset? ResolvedAt,
    double Value);
