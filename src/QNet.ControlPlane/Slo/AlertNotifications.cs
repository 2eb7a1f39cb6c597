using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QNet.Sre.Alerting;
using QNet.Sre.Evaluation;

namespace QNet.ControlPlane.Slo;

/// <summary>
/// Routes the in-process alerts with the Sre <see cref="AlertRouter"/> (page/ticket, grouping by link and region,
/// inhibition, maintenance from the spec files) on the twin's clock and posts the due notifications in Alertmanager's
/// webhook payload (v4). Routing runs on the simulation thread inside <see cref="SloMonitor.Tick"/>; posting runs on
/// this background service so a slow receiver never stalls the twin. Failed posts are logged as warnings, not retried (the
/// router re-sends on its next change or repeat interval).
/// </summary>
internal sealed class AlertNotifications(AlertRouter router, WebhookNotifier notifier, ILogger<AlertNotifications> logger) : BackgroundService
{
    private readonly Channel<Notification> _queue = Channel.CreateUnbounded<Notification>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Alerts as last routed (inhibited and muted flags included).</summary>
    public IReadOnlyList<RoutedAlert> Current => router.Current;

    /// <summary>Routes the evaluator's alerts and queues the notifications that are due. Called by one thread only.</summary>
    public void Process(IEnumerable<AlertState> alerts)
    {
        foreach (var n in router.Process(alerts))
        {
            _queue.Writer.TryWrite(n);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var n in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                var result = await notifier.SendAsync(n, stoppingToken).ConfigureAwait(false);
                if (!result.Delivered)
                {
                    logger.LogWarning("alert webhook {Url}: not delivered ({Status} {Error})", n.Url, result.StatusCode, result.Error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
