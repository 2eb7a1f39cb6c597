using Microsoft.Extensions.Time.Testing;
using QNet.ControlPlane.Events;

namespace QNet.ControlPlane.Tests.Events;

public sealed class EventHubTests
{
    [Fact]
    public void Admit_SampledTypes_AtMostLimitPerSecondEach_SessionChangesAlwaysDelivered()
    {
        var time = new FakeTimeProvider();
        var hub = new EventHub(time);
        Assert.False(hub.Admit("herald"));
        using var subscription = hub.Subscribe();
        int admitted = Enumerable.Range(0, 500).Count(_ => hub.Admit("herald"));
        Assert.Equal(EventHub.MaxSampledPerSecond, admitted);
        Assert.True(hub.Admit("swap"));
        hub.PublishAlways(new TwinEvent("session", "s", "t", 1, Change: "admitted"));
        Assert.True(subscription.Reader.TryRead(out var e));
        Assert.Equal("admitted", e.Change);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(hub.Admit("herald"));
    }

    [Fact]
    public void Subscriber_SlowReader_KeepsOnlyTheNewestEvents()
    {
        var hub = new EventHub(new FakeTimeProvider());
        using var subscription = hub.Subscribe();
        for (int i = 0; i < EventHub.SubscriberCapacity + 10; i++)
        {
            hub.PublishAlways(new TwinEvent("session", "s" + i, "t", i));
        }
        Assert.True(subscription.Reader.TryRead(out var oldest));
        Assert.Equal("s10", oldest.SessionId);
    }
}
