using QNet.Agent.Protocol.V1;

namespace QNet.Agent.Client;

/// <summary>
/// Telemetry batches not yet acknowledged by the control plane, oldest first, at most <see cref="Capacity"/> of them:
/// when the control plane is away the agent keeps reading its devices, and past the capacity it evicts the oldest
/// batch (fresh readings are worth more than old ones). On reconnect every batch still held is resent; the control
/// plane applies each sequence once.
/// <para>
/// <see cref="Dropped"/> counts exactly the evicted batches the control plane never got. A batch evicted before the send
/// loop took it (<see cref="NextToSend"/>) is dropped at once. One evicted after it was taken (its acknowledgement had not come back:
/// a stalled path, or a stream that broke with it in flight) is in doubt until the control plane says what it has: a
/// later acknowledgement at or above its sequence means it arrived; the next registration's
/// <see cref="Register"/> acknowledgement settles the rest, which the broken stream lost. Thread-safe.
/// </para>
/// </summary>
internal sealed class TelemetryBuffer
{
    private readonly LinkedList<TelemetryBatch> _batches = new();
    private readonly Queue<(ulong Sequence, int Samples)> _inDoubt = new();
    private readonly Lock _lock = new();
    private ulong _nextSequence = 1;
    private ulong _written;

    public TelemetryBuffer(int capacity)
    {
        Capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "telemetry buffer capacity must be at least 1 batch");
    }

    /// <summary>Most batches held.</summary>
    public int Capacity { get; }

    /// <summary>Batches evicted because the buffer was full that the control plane never received.</summary>
    public long Dropped
    {
        get
        {
            lock (_lock)
            {
                return field;
            }
        }
        private set;
    }

    /// <summary>Samples in the dropped batches.</summary>
    public long DroppedSamples { get; private set; }

    /// <summary>Evicted batches that were written to a stream and are not yet known to have arrived.</summary>
    public int InDoubt
    {
        get
        {
            lock (_lock)
            {
                return _inDoubt.Count;
            }
        }
    }

    /// <summary>Batches held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _batches.Count;
            }
        }
    }

    /// <summary>
    /// Numbers <paramref name="batch"/> with the next sequence and holds it until acknowledged, evicting the oldest
    /// batches past the capacity; the batch carries the drop count as it stands after that.
    /// </summary>
    public TelemetryBatch Add(TelemetryBatch batch)
    {
        lock (_lock)
        {
            batch.Sequence = _nextSequence++;
            _batches.AddLast(batch);
            while (_batches.Count > Capacity)
            {
                var oldest = _batches.First!.Value;
                _batches.RemoveFirst();
                if (oldest.Sequence <= _written)
                {
                    _inDoubt.Enqueue((oldest.Sequence, oldest.Samples.Count));
                }
                else
                {
                    Drop(oldest.Samples.Count);
                }
            }
            batch.DroppedBatches = (ulong)Dropped;
            return batch;
        }
    }

    /// <summary>
    /// The oldest batch held above <paramref name="after"/>, noted as written to the current stream from this moment
    /// (evicted later, it is in doubt, not dropped); null when there is none.
    /// </summary>
    public TelemetryBatch? NextToSend(ulong after)
    {
        lock (_lock)
        {
            foreach (var batch in _batches)
            {
                if (batch.Sequence > after)
                {
                    _written = Math.Max(_written, batch.Sequence);
                    return batch;
                }
            }
            return null;
        }
    }

    /// <summary>The control plane has applied every batch up to and including <paramref name="sequence"/>: forgets them.</summary>
    public void Acknowledge(ulong sequence)
    {
        lock (_lock)
        {
            while (_batches.First is { } first && first.Value.Sequence <= sequence)
            {
                _batches.RemoveFirst();
            }
            while (_inDoubt.TryPeek(out var evicted) && evicted.Sequence <= sequence)
            {
                _inDoubt.Dequeue(); // it arrived after all
            }
        }
    }

    /// <summary>
    /// A new stream registered and the control plane has applied up to <paramref name="acknowledged"/>: batches in doubt
    /// above it were lost with the old stream and count as dropped; every batch held above it is to be resent.
    /// </summary>
    public void Register(ulong acknowledged)
    {
        lock (_lock)
        {
            Acknowledge(acknowledged);
            while (_inDoubt.TryDequeue(out var lost))
            {
                Drop(lost.Samples);
            }
            _written = acknowledged;
        }
    }

    /// <summary>The batches held, oldest first (to resend after a reconnect).</summary>
    public IReadOnlyList<TelemetryBatch> Pending()
    {
        lock (_lock)
        {
            return [.. _batches];
        }
    }

    private void Drop(int samples)
    {
        Dropped++;
        DroppedSamples += samples;
    }
}
