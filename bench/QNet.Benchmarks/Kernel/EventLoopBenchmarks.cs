using BenchmarkDotNet.Attributes;
using QNet.Kernel;

namespace QNet.Benchmarks.Kernel;

/// <summary>
/// Schedule + dispatch of trivial events. Each operation is one million events; events per second
/// is 10⁶ / (mean time). MemoryDiagnoser proves the hot path allocates nothing per event.
/// </summary>
[MemoryDiagnoser]
public class EventLoopBenchmarks
{
    private const int Events = 1_000_000;

    private sealed class Chain(Simulator sim) : IEventHandler
    {
        public int Remaining;

        public void OnEvent(int kind, long argument)
        {
            if (--Remaining > 0)
            {
                sim.Schedule(new SimTime(1000), this, kind, argument);
            }
        }
    }

    private Simulator _sim = null!;
    private Chain[] _chains = null!;

    /// <summary>Pending events in the queue while the loop runs (queue depth).</summary>
    [Params(1, 1000)]
    public int Depth { get; set; }

    [IterationSetup]
    public void Setup()
    {
        _sim = new Simulator(1);
        _chains = new Chain[Depth];
        for (int i = 0; i < Depth; i++)
        {
            _chains[i] = new Chain(_sim) { Remaining = Events / Depth };
            _sim.Schedule(new SimTime(i), _chains[i]);
        }
        // Warm the queue's arrays so the measured loop sees its steady state.
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long ScheduleAndDispatch()
    {
        _sim.Run();
        return _sim.EventsProcessed;
    }
}
