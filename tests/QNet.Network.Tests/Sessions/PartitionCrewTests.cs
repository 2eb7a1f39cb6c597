using QNet.Kernel;
using QNet.Network.Sessions;

namespace QNet.Network.Tests.Sessions;

/// <summary>
/// The crew that runs the session partitions to each sync point: every partition runs exactly once per sync point, to
/// that point, never on two threads at once and on no more threads than asked; the heaviest are claimed first; a
/// failure is rethrown after every partition stopped, the first in session order; crew threads that end while idle are
/// replaced.
/// </summary>
public sealed class PartitionCrewTests
{
    [Theory]
    [InlineData(2, 3)]
    [InlineData(2, 7)]
    [InlineData(3, 5)]
    [InlineData(4, 2)]
    public void Run_ManySyncPoints_EachPartitionRunsOnceToEachPointOnAtMostTheThreadsAsked(int threads, int count)
    {
        // Crew threads that never end while idle, so every thread that ran a partition is one of this crew's.
        var crew = new PartitionCrew(idleMilliseconds: Timeout.Infinite);
        var parts = Enumerable.Range(0, count).Select(i => new Work(load: i % 3, spin: 200 * (i + 1))).ToArray();

        for (int point = 1; point <= 2_000; point++)
        {
            var until = new SimTime(point);
            crew.Run(parts, until, threads);
            foreach (Work w in parts)
            {
                Assert.Equal(point, w.Runs);
                Assert.Equal(until, w.LastUntil);
            }
        }
        Assert.All(parts, w => Assert.False(w.Overlapped, "a partition ran on two threads at once"));
        Assert.InRange(parts.SelectMany(w => w.Threads).Distinct().Count(), 1, threads);
    }

    [Fact]
    public void Order_ByLoad_HeaviestFirstEqualLoadsInSessionOrder()
    {
        Work[] parts = [new(load: 1), new(load: 5), new(load: 3), new(load: 5), new(load: 0)];

        Assert.Equal([1, 3, 2, 0, 4], PartitionCrew.Order(parts));
        Assert.Empty(PartitionCrew.Order([]));
    }

    [Fact]
    public void Run_TwoPartitionsFail_EveryPartitionStillRunsAndTheFirstInSessionOrderIsRethrown()
    {
        var crew = new PartitionCrew();
        // The later failure is the heavier, so it is claimed (and thrown) first.
        Work[] parts = [new(load: 1), new(load: 2, fails: "first"), new(load: 9), new(load: 7, fails: "second"), new(load: 3)];

        var thrown = Assert.Throws<InvalidOperationException>(() => crew.Run(parts, new SimTime(10), threads: 3));

        Assert.Equal("first", thrown.Message);
        Assert.All(parts, w => Assert.Equal(1, w.Runs));
    }

    [Fact]
    public void Run_CrewThreadsEndWhileIdle_TheNextSyncPointStartsNewOnesAndRunsEveryPartition()
    {
        // Crew threads that wait 1 ms for work end between sync points spaced further apart, and are started again.
        var crew = new PartitionCrew(idleMilliseconds: 1);
        var parts = Enumerable.Range(0, 4).Select(i => new Work(load: i, spin: 1000)).ToArray();

        for (int point = 1; point <= 40; point++)
        {
            crew.Run(parts, new SimTime(point), threads: 2);
            Thread.Sleep(point % 2 == 0 ? 5 : 0);
        }

        Assert.All(parts, w => Assert.Equal(40, w.Runs));
    }

    private sealed class Work(double load, int spin = 0, string? fails = null) : ICrewWork
    {
        private int _inside;

        public double Load { get; } = load;

        public int Runs { get; private set; }

        public SimTime LastUntil { get; private set; }

        public bool Overlapped { get; private set; }

        public HashSet<int> Threads { get; } = [];

        public void RunTo(SimTime until)
        {
            if (Interlocked.Increment(ref _inside) != 1)
            {
                Overlapped = true;
            }
            Thread.SpinWait(spin);
            Runs++;
            LastUntil = until;
            Threads.Add(Environment.CurrentManagedThreadId);
            Interlocked.Decrement(ref _inside);
            if (fails is not null)
            {
                throw new InvalidOperationException(fails);
            }
        }
    }
}
