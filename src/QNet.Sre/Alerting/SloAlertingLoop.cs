using QNet.Sre.Evaluation;

namespace QNet.Sre.Alerting;

/// <summary>Outcome of one <see cref="SloAlertingLoop.TickAsync"/>: evaluations run and notifications attempted.</summary>
public sealed record AlertingTickResult(int Evaluations, IReadOnlyList<(Notification Notification, NotificationResult Result)> Sent);

/// <summary>
/// What <c>qnet up</c> runs every evaluation interval: evaluate the SLO rules up to now, route the alerts, and post
/// the due notifications. Failed posts are reported, not thrown; the router re-sends on its next change or repeat.
/// </summary>
public sealed class SloAlertingLoop(SloEvaluator evaluator, AlertRouter router, WebhookNotifier notifier)
{
    /// <summary>The evaluator (for status and budgets).</summary>
    public SloEvaluator Evaluator { get; } = evaluator;

    /// <summary>The router (for the current routed, inhibited and muted alerts).</summary>
    public AlertRouter Router { get; } = router;

    public async Task<AlertingTickResult> TickAsync(CancellationToken cancellationToken)
    {
        var evaluations = Evaluator.Tick();
        var sent = new List<(Notification, NotificationResult)>();
        foreach (var n in Router.Process(Evaluator.Alerts))
        {
            sent.Add((n, await notifier.SendAsync(n, cancellationToken).ConfigureAwait(false)));
        }

        return new AlertingTickResult(evaluations, sent);
    }
}
