namespace QNet.Kernel.Tests;

public class PeekNextTimeTests
{
    [Fact]
    public void TryPeekNextTime_EmptyQueue_False()
    {
        var sim = new Simulator(1);

        Assert.False(sim.TryPeekNextTime(out _));
    }

    [Fact]
    public void TryPeekNextTime_CancelledEarliest_GivesTheNextLiveEventAndRunsNothing()
    {
        var sim = new Simulator(1);
        int ran = 0;
        EventHandle first = sim.Schedule(new SimTime(10), () => ran++);
        sim.Schedule(new SimTime(25), () => ran++);
        sim.Schedule(new SimTime(40), () => ran++);
        sim.Cancel(first);

        Assert.True(sim.TryPeekNextTime(out SimTime next));

        Assert.Equal(new SimTime(25), next);
        Assert.Equal(0, ran);
        Assert.Equal(SimTime.Zero, sim.Now);
        sim.RunUntil(next);
        Assert.Equal(1, ran);
        Assert.True(sim.TryPeekNextTime(out next));
        Assert.Equal(new SimTime(40), next);
    }
}
