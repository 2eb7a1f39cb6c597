namespace QNet.Sre.Specs;

/// <summary>Where an alert goes.</summary>
public enum Severity
{
    Page,
    Ticket,
}

/// <summary>
/// A multi-window burn-rate condition: fire when the error ratio over both <see cref="LongWindow"/> and
/// <see cref="ShortWindow"/> exceeds <see cref="Factor"/> × the error budget, continuously for <see cref="For"/>.
/// </summary>
/// <param name="Name">Condition name (AlertCondition metadata.name).</param>
/// <param name="Severity">Page or ticket.</param>
/// <param name="Factor">Burn-rate threshold: multiples of the budget-spending rate that exhausts the budget exactly at the period's end.</param>
/// <param name="LongWindow">Long lookback window (OpenSLO lookbackWindow).</param>
/// <param name="ShortWindow">Short window that makes the alert reset quickly (lookbackWindow / 12 unless annotated).</param>
/// <param name="For">How long the condition must hold before the alert fires (OpenSLO alertAfter).</param>
/// <param name="Inclusive">True for op gte (fire at the threshold), false for gt.</param>
public sealed record BurnRateCondition(string Name, Severity Severity, double Factor, TimeSpan LongWindow, TimeSpan ShortWindow, TimeSpan For, bool Inclusive = false)
{
    /// <summary>
    /// The SRE workbook set for a 30-day period (page 14.4 over 1h/5m and 6 over 6h/30m; ticket 3 over 1d/2h and
    /// 1 over 3d/6h), scaled to <paramref name="period"/> by keeping the fraction of the budget each alert spends
    /// (2 %, 5 %, 10 %, 10 %): factor = fraction × period / long window.
    /// </summary>
    public static IReadOnlyList<BurnRateCondition> Workbook(TimeSpan period)
    {
        double Scale(double budgetFraction, TimeSpan longWindow) => budgetFraction * period.TotalSeconds / longWindow.TotalSeconds;
        var h = TimeSpan.FromHours(1);
        var m = TimeSpan.FromMinutes(1);
        return
        [
            new("page-fast", Severity.Page, Scale(0.02, h), h, 5 * m, 2 * m),
            new("page-slow", Severity.Page, Scale(0.05, 6 * h), 6 * h, 30 * m, 15 * m),
            new("ticket-fast", Severity.Ticket, Scale(0.10, 24 * h), 24 * h, 2 * h, h),
            new("ticket-slow", Severity.Ticket, Scale(0.10, 72 * h), 72 * h, 6 * h, 3 * h),
        ];
    }
}
