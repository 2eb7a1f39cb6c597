using System.Threading.Channels;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// Bounded queues of API commands for the simulation thread. Control commands (cancel a session, faults,
/// calibration) have their own queue, drained first at every step, so traffic for running sessions is served
/// before new session requests. A full queue refuses the command at once (the API answers 503 with Retry-After).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The queue lives as long as its twin runner; its semaphore holds no OS handle until a waiter blocks, and the runner has stopped waiting when the host stops.")]
internal sealed class TwinCommandQueue
{
    /// <summary>Capacity of the control queue.</summary>
    public const int ControlCapacity = 1024;

    /// <summary>Capacity of the admission (new session) queue.</summary>
    public const int AdmissionCapacity = 512;

    private readonly Channel<Work> _control = Channel.CreateBounded<Work>(new BoundedChannelOptions(ControlCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Channel<Work> _admission = Channel.CreateBounded<Work>(new BoundedChannelOptions(AdmissionCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Queues <paramref name="action"/>; null when the queue is full.</summary>
    public Task<T>? TryEnqueue<T>(bool control, Func<Twin, T> action)
    {
        var work = new Work<T>(action);
        if (!(control ? _control : _admission).Writer.TryWrite(work))
        {
            return null;
        }
        Wake();
        return work.Task;
    }

    /// <summary>Commands waiting to run (control and admission queues together); read by the shed-load mitigation.</summary>
    public int Depth() => _control.Reader.Count + _admission.Reader.Count;

    /// <summary>Blocks the calling (simulation) thread until a command arrives or <paramref name="timeout"/> passes.</summary>
    public void Wait(TimeSpan timeout, CancellationToken cancellationToken) => _wake.Wait(timeout, cancellationToken);

    /// <summary>
    /// Runs queued commands: every control command, then up to <paramref name="maxAdmissions"/> new requests, at most
    /// <paramref name="budget"/> in all (the control loop's pace under F4, <see cref="ControlLoopPacer"/>); returns the number run.
    /// </summary>
    public int Drain(Twin twin, int maxAdmissions, int budget = int.MaxValue)
    {
        int n = 0;
        while (n < budget && _control.Reader.TryRead(out var work))
        {
            work.Run(twin);
            n++;
        }
        for (int i = 0; i < maxAdmissions && n < budget && _admission.Reader.TryRead(out var work); i++)
        {
            work.Run(twin);
            n++;
            while (n < budget && _control.Reader.TryRead(out var urgent))
            {
                urgent.Run(twin);
                n++;
            }
        }
        // More to do at once only when the batch limit, not the pace, stopped it (a paced loop waits for simulated time to pass).
        if (_admission.Reader.Count > 0 && n < budget)
        {
            Wake();
        }
        return n;
    }

    /// <summary>Fails every queued command (on shutdown).</summary>
    public void Abandon()
    {
        while (_control.Reader.TryRead(out var w))
        {
            w.Cancel();
        }

        while (_admission.Reader.TryRead(out var w))
        {
            w.Cancel();
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    private abstract class Work
    {
        public abstract void Run(Twin twin);

        public abstract void Cancel();
    }

    private sealed class Work<T>(Func<Twin, T> action) : Work
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _done.Task;

        public override void Run(Twin twin)
        {
            try
            {
                _done.SetResult(action(twin));
            }
            catch (Exception e)
            {
                _done.SetException(e);
            }
        }

        public override void Cancel() => _done.TrySetCanceled();
    }
}
