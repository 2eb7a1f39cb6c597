namespace QNet.Kernel.Tests;

public class PrefetchingHandlerTests
{
    private sealed class Recorder : IPrefetchingHandler
    {
        public List<(int Kind, long Argument)> Ran { get; } = [];

        public List<(int Kind, long Argument)> Hinted { get; } = [];

        public void OnEvent(int kind, long argument) => Ran.Add((kind, argument));

        public void Prefetch(int kind, long argument) => Hinted.Add((kind, argument));
    }

    [Fact]
    public void Run_LongQueue_EachHintNamesTheEventThatRunsNext()
    {
        const int events = 2000;
        const int from = 1024; // the queue's threshold for hints below the top
        var sim = new Simulator(1);
        var rec = new Recorder();
        var random = new RandomState(5);
        for (int i = 0; i < events; i++)
        {
            // Random times and priorities, so the run order differs from the scheduling order.
            sim.Schedule(new SimTime((long)(random.NextDouble() * 1000)), rec, kind: i % 3, argument: i, priority: (int)(random.NextUInt64() % 4));
        }
        sim.Run();
        Assert.Equal(events, rec.Ran.Count);
        // A hint comes after each pop that leaves at least `from` events queued, and names the event after the popped one.
        Assert.Equal(events - from, rec.Hinted.Count);
        Assert.Equal(rec.Ran.Skip(1).Take(events - from), rec.Hinted);
    }

    [Fact]
    public void Run_ShortQueue_NoHints()
    {
        var sim = new Simulator(1);
        var rec = new Recorder();
        for (int i = 0; i < 1000; i++)
        {
            sim.Schedule(new SimTime(i), rec, argument: i);
        }
        sim.Run();
        Assert.Equal(1000, rec.Ran.Count);
        Assert.Empty(rec.Hinted);
    }
}
