using QNet.ControlPlane.Events;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Tests.Twin;

public sealed class TwinCommandQueueTests
{
    private static ControlPlane.Twin.Twin NewTwin() =>
        new(DefaultScenario.Load(), new TwinMetrics(), new EventHub(TimeProvider.System), new TwinClock(DateTimeOffset.UnixEpoch), 1, _ => Task.FromResult(true), _ => { });

    [Fact]
    public void TryEnqueue_FullAdmissionQueue_RefusesAtOnceButControlStillQueues()
    {
        var queue = new TwinCommandQueue();
        for (int i = 0; i < TwinCommandQueue.AdmissionCapacity; i++)
        {
            Assert.NotNull(queue.TryEnqueue(control: false, _ => i));
        }
        Assert.Null(queue.TryEnqueue(control: false, _ => -1));
        Assert.NotNull(queue.TryEnqueue(control: true, _ => -2));
    }

    [Fact]
    public void Drain_ControlCommandsRunBeforeEarlierNewRequests()
    {
        var queue = new TwinCommandQueue();
        var order = new List<string>();
        var first = queue.TryEnqueue(control: false, _ => { order.Add("new-1"); return 1; })!;
        var second = queue.TryEnqueue(control: false, _ => { order.Add("new-2"); return 2; })!;
        var cancel = queue.TryEnqueue(control: true, _ => { order.Add("control"); return 3; })!;
        Assert.Equal(3, queue.Drain(NewTwin(), maxAdmissions: 256));
        Assert.Equal(["control", "new-1", "new-2"], order);
        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully && cancel.IsCompletedSuccessfully);
    }

    [Fact]
    public void Drain_MaxAdmissions_LeavesTheRestForTheNextStep()
    {
        var queue = new TwinCommandQueue();
        var tasks = Enumerable.Range(0, 5).Select(i => queue.TryEnqueue(control: false, _ => i)!).ToArray();
        Assert.Equal(2, queue.Drain(NewTwin(), maxAdmissions: 2));
        Assert.Equal(2, tasks.Count(t => t.IsCompleted));
        queue.Abandon();
        Assert.Equal(3, tasks.Count(t => t.IsCanceled));
    }
}
