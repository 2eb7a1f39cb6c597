using QNet.Kernel;

namespace QNet.Network.Simulation;

/// <summary>
/// Runs independent replications in parallel. Replication i takes the seed derived from the root
/// seed with key i (a single run takes the root seed itself), so results are the same for any
/// number of threads and any scheduling.
/// </summary>
public static class ReplicationRunner
{
    /// <summary>The seed of replication <paramref name="index"/> of <paramref name="runs"/>.</summary>
    public static ulong SeedOf(ulong rootSeed, int index, int runs) =>
        runs == 1 ? rootSeed : new RandomStream(rootSeed).Derive((ulong)index).Seed;

    /// <summary>Runs <paramref name="runs"/> replications of <paramref name="run"/> and summarises them.</summary>
    /// <param name="run">One replication: given its index and seed (and a progress sink for 0..1), returns its result.</param>
    /// <param name="progress">Receives (replication index, fraction done of that replication).</param>
    public static SimulationSummary Run(ulong rootSeed, int runs, Func<int, ulong, IProgress<double>?, RunResult> run,
        Action<int, double>? progress = null, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var results = new RunResult[runs];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, runs, options, i =>
            {
                IProgress<double>? sink = progress is null ? null : new SynchronousProgress(f => progress(i, f));
                results[i] = run(i, SeedOf(rootSeed, i, runs), sink);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Every replication fails the same way on a bad model: report the first, unwrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        int linkCount = results[0].Links.Count;
        var links = new LinkSummary[linkCount];
        for (int l = 0; l < linkCount; l++)
        {
            links[l] = LinkSummary.Of(results.Select(r => r.Links[l]).ToArray());
        }
        int sessionCount = results[0].Sessions.Count;
        var sessions = new SessionSummary[sessionCount];
        for (int s = 0; s < sessionCount; s++)
        {
            sessions[s] = SessionSummary.Of(results.Select(r => r.Sessions[s]).ToArray());
        }
        return new SimulationSummary(rootSeed, results, links, sessions);
    }

    /// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post to a captured context).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
