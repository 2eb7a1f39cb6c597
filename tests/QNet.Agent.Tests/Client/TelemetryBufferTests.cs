using QNet.Agent.Client;
using QNet.Agent.Protocol.V1;

namespace QNet.Agent.Tests.Client;

public sealed class TelemetryBufferTests
{
    [Fact]
    public void Add_BeyondCapacity_DropsOldestAndCountsThem()
    {
        var buffer = new TelemetryBuffer(3);

        for (int i = 0; i < 5; i++)
        {
            var batch = new TelemetryBatch();
            batch.Samples.Add(new Sample { Metric = "qnet_detector_clicks", Value = i });
            buffer.Add(batch);
        }

        Assert.Equal(3, buffer.Count);
        Assert.Equal(2, buffer.Dropped);
        Assert.Equal(2, buffer.DroppedSamples);
        Assert.Equal([3UL, 4UL, 5UL], buffer.Pending().Select(b => b.Sequence));
    }

    [Fact]
    public void Acknowledge_UpToSequence_KeepsOnlyLaterBatchesForResend()
    {
        var buffer = new TelemetryBuffer(10);
        for (int i = 0; i < 4; i++)
        {
            buffer.Add(new TelemetryBatch());
        }

        buffer.Acknowledge(3);

        Assert.Equal([4UL], buffer.Pending().Select(b => b.Sequence));
        Assert.Equal(0, buffer.Dropped);
    }

    [Fact]
    public void Add_EvictsUnwrittenBatch_DroppedAtOnceAndCarriedByTheNewBatch()
    {
        var buffer = new TelemetryBuffer(2);
        buffer.Add(new TelemetryBatch());
        buffer.Add(new TelemetryBatch());

        var third = buffer.Add(new TelemetryBatch());

        Assert.Equal(1, buffer.Dropped);
        Assert.Equal(0, buffer.InDoubt);
        Assert.Equal(1UL, third.DroppedBatches);
    }

    [Fact]
    public void Add_EvictsWrittenBatchLaterAcknowledged_NotDropped()
    {
        // A stalled path: batches 1-3 were written, their acknowledgements come only after the buffer overflowed.
        var buffer = new TelemetryBuffer(2);
        for (ulong s = 1; s <= 3; s++)
        {
            buffer.Add(new TelemetryBatch());
            Assert.Equal(s, buffer.NextToSend(s - 1)!.Sequence);
        }
        var fourth = buffer.Add(new TelemetryBatch());
        Assert.Equal(2, buffer.InDoubt);
        Assert.Equal(0, buffer.Dropped);
        Assert.Equal(0UL, fourth.DroppedBatches);

        buffer.Acknowledge(3);

        Assert.Equal(0, buffer.InDoubt);
        Assert.Equal(0, buffer.Dropped);
        Assert.Equal([4UL], buffer.Pending().Select(b => b.Sequence));
    }

    [Fact]
    public void Register_WrittenBatchesEvictedAboveAcknowledged_CountedDroppedRestResent()
    {
        // A stream broke with 1-3 in flight; the control plane had applied 1 and 2. Batches 4-7 were read while it was
        // away; with room for 3, batch 1 (applied), 2 (applied), 3 (lost with the stream) and 4 (never written) are evicted.
        var buffer = new TelemetryBuffer(3);
        for (ulong s = 1; s <= 3; s++)
        {
            buffer.Add(new TelemetryBatch());
            Assert.Equal(s, buffer.NextToSend(s - 1)!.Sequence);
        }
        for (int i = 0; i < 4; i++)
        {
            buffer.Add(new TelemetryBatch());
        }
        Assert.Equal(1, buffer.Dropped);
        Assert.Equal(3, buffer.InDoubt);

        buffer.Register(acknowledged: 2);

        Assert.Equal(2, buffer.Dropped);
        Assert.Equal(0, buffer.InDoubt);
        Assert.Equal([5UL, 6UL, 7UL], buffer.Pending().Select(b => b.Sequence));
        // On the new stream nothing is written yet: evicting 5 now drops it at once.
        buffer.Add(new TelemetryBatch());
        Assert.Equal(3, buffer.Dropped);
        Assert.Equal(0, buffer.InDoubt);
    }

    [Fact]
    public void NextToSend_BatchEvictedWhileBeingWritten_InDoubtNotDropped()
    {
        // Just after a registration the buffer is full: the read loop may evict the batch the send loop is writing.
        var buffer = new TelemetryBuffer(2);
        buffer.Add(new TelemetryBatch());
        buffer.Add(new TelemetryBatch());
        var sending = buffer.NextToSend(0)!;

        buffer.Add(new TelemetryBatch());

        Assert.Equal(1UL, sending.Sequence);
        Assert.Equal(0, buffer.Dropped);
        Assert.Equal(1, buffer.InDoubt);
        Assert.Equal(2UL, buffer.NextToSend(1)!.Sequence);
        Assert.Null(buffer.NextToSend(3));
        buffer.Acknowledge(1);
        Assert.Equal(0, buffer.InDoubt);
    }

    [Fact]
    public void Incompatibility_OtherMajor_NamesBothVersions()
    {
        string? refusal = AgentProtocol.Incompatibility("control plane", 2, 3, "agent");

        Assert.NotNull(refusal);
        Assert.Contains("2.3", refusal, StringComparison.Ordinal);
        Assert.Contains($"{AgentProtocol.Major}.{AgentProtocol.Minor}", refusal, StringComparison.Ordinal);
        Assert.Null(AgentProtocol.Incompatibility("control plane", AgentProtocol.Major, AgentProtocol.Minor + 5, "agent"));
    }
}
