using QNet.Agent.Protocol.V1;

namespace QNet.Agent.Client;

/// <summary>
/// Telemetry batches not yet acknowledged by the control plane, oldest first, at most <see cref="Capacity"/> of them:
/// when the control plane is away the agent keeps reading its devices, and past the capacity it drops the oldest
/// batch and counts it in <see cref="Dropped"/> (fresh readings are worth more than old ones). On reconnect every
/// batch still held is resent; the control plane applies each sequence once. Thread-safe.
/// </summary>
internal sealed class TelemetryBuffer
{
    private readonly LinkedList<TelemetryBatch> _batches = new();
    private readonly Lock _lock = new();
    private ulong _nextSequence = 1;

    public TelemetryBuffer(int capacity)
    {
        Capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "telemetry buffer capacity must be at least 1 batch");
    }

    /// <summary>Most batches held.</summary>
    public int Capacity { get; }

    /// <summary>Batches dropped because the buffer was full (each held samples the control plane never saw).</summary>
    public long Dropped { get; private set; }

    /// <summary>Samples in the dropped batches.</summary>
    public long DroppedSamples { get; private set; }

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

    /// <summary>Numbers <paramref name="batch"/> with the next sequence and holds it until acknowledged.</summary>
    public TelemetryBatch Add(TelemetryBatch batch)
    {
        lock (_lock)
        {
            batch.Sequence = _nextSequence++;
            _batches.AddLast(batch);
            while (_batches.Count > Capacity)
            {
                DroppedSamples += _batches.First!.Value.Samples.Count;
                _batches.RemoveFirst();
                Dropped++;
            }
            return batch;
        }
    }

    /// <summary>Forgets every batch up to and including <paramref name="sequence"/>.</summary>
    public void Acknowledge(ulong sequence)
    {
        lock (_lock)
        {
            while (_batches.First is { } first && first.Value.Sequence <= sequence)
            {
                _batches.RemoveFirst();
            }
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
}
