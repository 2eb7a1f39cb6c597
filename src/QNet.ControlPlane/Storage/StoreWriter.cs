using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace QNet.ControlPlane.Storage;

/// <summary>
/// Writes to the store off the simulation thread: the twin queues writes (bounded; when the store falls far
/// behind, writes are dropped and counted rather than stalling the twin) and this service runs them in order.
/// On stop it drains what is queued.
/// </summary>
internal sealed class StoreWriter(ControlPlaneStore store, ILogger<StoreWriter> logger) : BackgroundService
{
    private readonly Channel<Func<ControlPlaneStore, CancellationToken, Task>> _queue =
        Channel.CreateBounded<Func<ControlPlaneStore, CancellationToken, Task>>(new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private long _dropped;

    /// <summary>Writes dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues a write.</summary>
    public void Enqueue(Func<ControlPlaneStore, CancellationToken, Task> write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Completes when everything queued so far is written (tests, shutdown).</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue((_, _) => { done.TrySetResult(); return Task.CompletedTask; });
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunQueuedAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await RunQueuedAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task RunQueuedAsync(CancellationToken cancellationToken)
    {
        while (_queue.Reader.TryRead(out var write))
        {
            try
            {
                await write(store, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "store write failed");
            }
        }
    }
}
