using QNet.Sre.Evaluation;

namespace QNet.Sre.Alerting;

/// <summary>Outcome of one <see cref="SloAlertingLoop.TickAsync"/>: evaluations run and notifications attempted.</summary>
public sealed record AlertingTickResult(int Evaluations, IReadOnlyList<(Notification Notification, NotificationResult Result)> Sent);

/// <summary>
/// The three alerting steps in one call, for a host that evaluates and posts on one thread (a library user, a test):
/// evaluate the SLO rules up to now, route the alerts, and post the due notifications. Failed posts are reported,
/// not thrown; the router re-sends on its next change or repeat. <c>qnet up</c> runs the same steps split in two:
/// evaluation and routing on the twin's thread (its <c>SloMonitor</c>), posting on a background service
/// (<c>AlertNotifications</c>), so a slow receiver never stalls the twin.
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
