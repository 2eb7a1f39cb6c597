using QNet.ControlPlane.OperatorConsole;

namespace QNet.ControlPlane.Tests.OperatorConsole;

public sealed class SliRingTests
{
    [Fact]
    public void Since_AfterWrapAround_OldestFirstAndFiltered()
    {
        var ring = new SliRing(3);
        for (int i = 1; i <= 5; i++)
        {
            ring.Add(i * 10, i);
        }

        var (times, values) = ring.Since(0);
        Assert.Equal([30L, 40L, 50L], times);
        Assert.Equal([3.0, 4.0, 5.0], values);
        Assert.Equal([50L], ring.Since(45).Times);
        Assert.Equal(3, ring.Count);
    }
}
