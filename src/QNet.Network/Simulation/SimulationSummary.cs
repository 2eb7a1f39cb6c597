namespace QNet.Network.Simulation;

/// <summary>All runs of one simulation and their summary.</summary>
/// <param name="Seed">The root seed; run i uses the stream derived from it with key i.</param>
/// <param name="Runs">The individual runs, in index order.</param>
/// <param name="Links">Per-link summaries over the runs.</param>
/// <param name="Sessions">Per-session summaries over the runs.</param>
public sealed record SimulationSummary(ulong Seed, IReadOnlyList<RunResult> Runs, IReadOnlyList<LinkSummary> Links, IReadOnlyList<SessionSummary> Sessions)
{
    /// <summary>Events processed over all runs.</summary>
    public long Events => Runs.Sum(r => r.Events);

    /// <summary>Simulated seconds of one run.</summary>
    public double SimulatedSeconds => Runs[0].SimulatedSeconds;
}
