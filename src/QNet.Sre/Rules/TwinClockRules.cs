namespace QNet.Sre.Rules;

/// <summary>
/// <c>QNetTwinClockEnding</c>: the twin's clock has less than <see cref="MetricCatalogue.TwinClockWarningSeconds"/> of
/// simulated time left (<c>qnet_twin_clock_remaining_seconds</c>; about 106 days after the control plane started). At
/// its end the twin stops advancing until <c>qnet up</c> is restarted, so a ticket opens while there is time to plan the
/// restart (three days at real time); it stays open at the end and resolves once a restart starts the clock again.
/// Not left out during maintenance: the clock runs on through it.
/// </summary>
internal static class TwinClockRules
{
    public static RuleGroup Build(RuleOptions options)
    {
        var remaining = new AggregateExpr(Aggregation.Min, [], new SelectorExpr(new Specs.MetricSelector(MetricCatalogue.TwinClockRemainingSeconds, [])));
        string days = PromQlText.Number(MetricCatalogue.TwinClockWarningSeconds / 86_400);
        var rule = new AlertingRule(
            RuleNames.TwinClockEndingAlert,
            new BinaryExpr(BinaryOp.Lt, remaining, new NumberExpr(MetricCatalogue.TwinClockWarningSeconds)),
            TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["severity"] = "ticket", [RuleNames.LayerLabel] = "control" },
            new Dictionary<string, string>
            {
                ["summary"] = "The twin's clock nears its end: restart qnet up",
                ["description"] = $"Less than {days} simulated days are left on the twin's clock. At its end the twin stops advancing (sessions, faults and key generation stand still; /health answers 503 clock-ended) until the control plane is restarted, which restores everything from the store.",
                ["runbook_url"] = options.RunbookBaseUrl + RuleNames.TwinClockEndingAlert + ".md",
            });
        return new RuleGroup("qnet-twin-clock", options.EvaluationInterval, [rule]);
    }
}
