using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace QNet.ControlPlane.Storage;

/// <summary>
/// Writes to the store off the simulation thread, in order. Session states and events are written by group
/// commit: everything queued while the previous batch was being written goes into one transaction (a session
/// changed several times in a batch is written once, in its last state), and each session write's task completes
/// only after that transaction has committed, so the API can acknowledge a session once it is durable. Other
/// writes (faults, samples, pruning) run one by one between batches, in queue order. The queue is bounded: when
/// the store falls far behind, writes are dropped and counted (a dropped session write completes false) rather
/// than stalling the twin. On stop it drains what is queued.
/// </summary>
internal sealed class StoreWriter(ControlPlaneStore store, ILogger<StoreWriter> logger) : BackgroundService
{
    /// <summary>Queue capacity, in writes.</summary>
    public const int Capacity = 100_000;

    /// <summary>Most writes taken into one batch.</summary>
    public const int MaxBatch = 4096;

    private static readonly Task<bool> NotQueued = Task.FromResult(false);

    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private long _dropped;
    private long _fenced;
    private long _batches;
    private long _sessionWrites;

    /// <summary>
    /// The fence of a replicated control plane: once this replica no longer leads, nothing more is written (a deposed
    /// leader's last states would overwrite what the new leader restored). Null writes always (tests).
    /// </summary>
    public HighAvailability.ILeadership? Leadership { get; init; }

    /// <summary>Writes refused because this replica no longer leads.</summary>
    public long Fenced => Interlocked.Read(ref _fenced);

    /// <summary>Writes dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Transactions of session states and events committed, and session states written (for the benchmark: writes per commit).</summary>
    public (long Batches, long SessionWrites) Batching => (Interlocked.Read(ref _batches), Interlocked.Read(ref _sessionWrites));

    /// <summary>Queues a write.</summary>
    public void Enqueue(Func<ControlPlaneStore, CancellationToken, Task> write) => TryQueue(new Item(write, null, null, null));

    /// <summary>Queues a session state; the task completes true once it is committed, false if it was dropped or failed.</summary>
    public Task<bool> Enqueue(SessionRecord session)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        return TryQueue(new Item(null, session, null, done)) ? done.Task : NotQueued;
    }

    /// <summary>Queues an event (session changes).</summary>
    public void Enqueue(EventRecord record) => TryQueue(new Item(null, null, record, null));

    /// <summary>Completes when everything queued so far is written (tests, shutdown).</summary>
    public Task FlushAsync()
    {
        // A marker without a write: it completes (also on a fenced writer) once everything queued before it is committed.
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        return TryQueue(new Item(null, null, null, done)) ? done.Task : Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // A batch in flight is not cancelled by the stop: its sessions would be lost with it (StopAsync drains the rest).
                await RunQueuedAsync(CancellationToken.None).ConfigureAwait(false);
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

    private bool TryQueue(Item item)
    {
        if (_queue.Writer.TryWrite(item))
        {
            return true;
        }
        Interlocked.Increment(ref _dropped);
        return false;
    }

    private async Task RunQueuedAsync(CancellationToken cancellationToken)
    {
        var sessions = new Dictionary<string, SessionRecord>(StringComparer.Ordinal);
        var events = new List<EventRecord>();
        var waiting = new List<TaskCompletionSource<bool>>();
        while (true)
        {
            int taken = 0;
            while (taken < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                taken++;
                if (Leadership is { IsLeader: false })
                {
                    Interlocked.Increment(ref _fenced);
                    item.Done?.TrySetResult(false);
                }
                else if (item.Write is { } write)
                {
                    await CommitAsync(sessions, events, waiting, cancellationToken).ConfigureAwait(false); // keeps queue order
                    try
                    {
                        await write(store, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogError(e, "store write failed");
                    }
                }
                else if (item.Session is { } s)
                {
                    sessions[s.Id] = s;
                    waiting.Add(item.Done!);
                }
                else if (item.Event is { } ev)
                {
                    events.Add(ev);
                }
                else if (item.Done is { } flushed)
                {
                    await CommitAsync(sessions, events, waiting, cancellationToken).ConfigureAwait(false);
                    flushed.TrySetResult(true);
                }
            }
            await CommitAsync(sessions, events, waiting, cancellationToken).ConfigureAwait(false);
            if (taken == 0)
            {
                return;
            }
        }
    }

    private async Task CommitAsync(Dictionary<string, SessionRecord> sessions, List<EventRecord> events, List<TaskCompletionSource<bool>> waiting, CancellationToken cancellationToken)
    {
        if (sessions.Count == 0 && events.Count == 0)
        {
            return;
        }
        bool ok = false;
        try
        {
            if (Leadership is { IsLeader: false })
            {
                Interlocked.Add(ref _fenced, sessions.Count + events.Count);
                return;
            }
            await store.WriteBatchAsync(sessions.Values, events, cancellationToken).ConfigureAwait(false);
            ok = true;
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _sessionWrites, sessions.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "store batch of {Sessions} sessions and {Events} events failed", sessions.Count, events.Count);
        }
        finally
        {
            foreach (var done in waiting)
            {
                done.TrySetResult(ok);
            }
            sessions.Clear();
            events.Clear();
            waiting.Clear();
        }
    }

    private sealed record Item(Func<ControlPlaneStore, CancellationToken, Task>? Write, SessionRecord? Session, EventRecord? Event, TaskCompletionSource<bool>? Done);
}
