using QNet.Agent.Client;

namespace QNet.Agent.Tests.Client;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    [Fact]
    public void After_FailedAttempts_DoublesUpToTheMaximum()
    {
        var backoff = new ReconnectBackoff(Min, Max);

        var waits = Enumerable.Range(0, 7).Select(_ => backoff.After(registered: false).TotalSeconds);

        Assert.Equal([0.25, 0.5, 1, 2, 4, 5, 5], waits);
    }

    [Fact]
    public void After_StreamThatRegistered_StartsAgainFromTheMinimum()
    {
        // An outage long enough to reach the maximum, a reconnect that registers, then the control plane goes again.
        var backoff = new ReconnectBackoff(Min, Max);
        for (int i = 0; i < 10; i++)
        {
            backoff.After(registered: false);
        }

        Assert.Equal(0.25, backoff.After(registered: true).TotalSeconds);
        Assert.Equal(0.5, backoff.After(registered: false).TotalSeconds);
    }

    [Fact]
    public void Constructor_MaximumBelowMinimum_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(Max, Min));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.Zero, Max));
    }
}
