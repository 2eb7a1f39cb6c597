using Microsoft.Extensions.Hosting;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Incidents;

/// <summary>
/// Feeds the twin's event stream into the incident book: mitigations, session changes, QKD changes, and the sampled
/// heralds and swaps (<see cref="EventHub.MaxSampledPerSecond"/> per type per second). It is one more subscriber of the
/// hub, so under a burst beyond the subscriber queue the oldest events are dropped here as for any client.
/// </summary>
internal sealed class IncidentEventFeed(EventHub hub, IncidentBook book, TwinClock clock) : BackgroundService
{
    // Subscribed at construction (before the twin runs), so no event of the first step is missed.
    private readonly EventHub.Subscription _subscription = hub.Subscribe();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in _subscription.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                book.RecordEvent(e, clock.Epoch.AddTicks((long)(e.SimulatedSeconds * TimeSpan.TicksPerSecond)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _subscription.Dispose();
        base.Dispose();
    }
}
