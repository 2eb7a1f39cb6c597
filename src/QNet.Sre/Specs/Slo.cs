namespace QNet.Sre.Specs;

/// <summary>A validated SLO, with its indicator and alert conditions resolved.</summary>
/// <param name="Name">metadata.name (DNS label).</param>
/// <param name="DisplayName">Human title.</param>
/// <param name="Service">spec.service.</param>
/// <param name="Description">spec.description.</param>
/// <param name="Indicator">The SLI.</param>
/// <param name="Window">The SLO period.</param>
/// <param name="Budgeting">Occurrences or Timeslices.</param>
/// <param name="Objective">The (single) objective.</param>
/// <param name="Conditions">Burn-rate alert conditions (the scaled workbook set when the spec names none).</param>
/// <param name="GroupBy">Labels the SLI is computed per (annotation <c>qnet.io/group-by</c>), e.g. link.</param>
/// <param name="MinEvents">Low-traffic guard: an alert needs at least this many events in its long window (annotation <c>qnet.io/min-events</c>).</param>
/// <param name="Layer">What the SLO is about: link, session, kms, control (label <c>qnet.io/layer</c>); used by inhibition.</param>
/// <param name="AlertName">Prometheus alert name (annotation <c>qnet.io/alert-name</c>, else derived from the name).</param>
public sealed record Slo(
    string Name,
    string DisplayName,
    string Service,
    string Description,
    Sli Indicator,
    TimeWindow Window,
    BudgetingMethod Budgeting,
    Objective Objective,
    IReadOnlyList<BurnRateCondition> Conditions,
    IReadOnlyList<string> GroupBy,
    double MinEvents,
    string Layer,
    string AlertName)
{
    /// <summary>The failure mode the SLO's alerts stand for (label <c>qnet.io/failure-mode</c>, F1..F8), if any.</summary>
    public Rules.FailureMode? FailureMode { get; init; }
}
