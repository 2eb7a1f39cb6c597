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
    public void Incompatibility_OtherMajor_NamesBothVersions()
    {
        string? refusal = AgentProtocol.Incompatibility("control plane", 2, 3, "agent");

        Assert.NotNull(refusal);
        Assert.Contains("2.3", refusal, StringComparison.Ordinal);
        Assert.Contains($"{AgentProtocol.Major}.{AgentProtocol.Minor}", refusal, StringComparison.Ordinal);
        Assert.Null(AgentProtocol.Incompatibility("control plane", AgentProtocol.Major, AgentProtocol.Minor + 5, "agent"));
    }
}
