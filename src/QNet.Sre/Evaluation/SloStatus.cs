namespace QNet.Sre.Evaluation;

/// <summary>Budget status of one SLO for one group of series (e.g. one link).</summary>
/// <param name="Slo">SLO name.</param>
/// <param name="Group">Values of the SLO's group-by labels (empty when not grouped).</param>
/// <param name="PeriodStart">Start of the period (rolling: now − window; calendar: the period's start).</param>
/// <param name="PeriodEnd">End of the period (rolling: now).</param>
/// <param name="Good">Good events (or good slices) counted so far in the period, maintenance excluded.</param>
/// <param name="Bad">Bad events (or bad slices) counted so far, maintenance excluded.</param>
/// <param name="Sli">Good / (good + bad); null without data.</param>
/// <param name="BudgetRemaining">1 − bad / allowed bad, where allowed = (1 − target) × events (slices: × slices in the whole period); below 0 when overspent.</param>
/// <param name="BurnRates">Burn rate per alert window (e.g. "1h", "5m") at the last rule evaluation: error ratio / (1 − target); 1 spends the budget exactly over the period. Empty before the first evaluation.</param>
public sealed record SloStatus(
    string Slo,
    IReadOnlyDictionary<string, string> Group,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    double Good,
    double Bad,
    double? Sli,
    double BudgetRemaining,
    IReadOnlyDictionary<string, double> BurnRates);
