using QNet.Kernel;
using QNet.Network.Links;

namespace QNet.Network.Simulation;

/// <summary>
/// Runs every link of a network on its own, each pair consumed (measured) the moment it is heralded,
/// which is what the link layer delivers to an application that uses pairs at once.
/// </summary>
public static class LinkLayerRun
{
    private sealed class ConsumeAtOnce : ILinkPairSink
    {
        public static readonly ConsumeAtOnce Instance = new();

        public bool OnPair(HeraldedLink link, in LinkPair pair) => true;
    }

    /// <summary>Simulates <paramref name="duration"/> of the links with one seed.</summary>
    /// <param name="progress">Receives the fraction of simulated time done, 0..1, about a hundred times per run.</param>
    public static RunResult Run(IReadOnlyList<LinkRunSpec> links, ulong seed, SimTime duration, LinkEngine engine = LinkEngine.AttemptSkipping,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var sim = new Simulator(seed);
        var running = new HeraldedLink[links.Count];
        for (int i = 0; i < links.Count; i++)
        {
            LinkRunSpec spec = links[i];
            running[i] = new HeraldedLink(sim, spec.Id, spec.Model, spec.MemoryA, spec.MemoryB, spec.Channels, engine, ConsumeAtOnce.Instance,
                processingDelay: SimTime.FromSeconds(spec.ProcessingDelaySeconds));
            running[i].Start();
        }

        const int steps = 100;
        for (int step = 1; step <= steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sim.RunUntil(new SimTime(duration.Picoseconds / steps * step + (step == steps ? duration.Picoseconds % steps : 0)));
            progress?.Report(step / (double)steps);
        }

        double seconds = duration.Seconds;
        var reports = new LinkReport[running.Length];
        for (int i = 0; i < running.Length; i++)
        {
            HeraldedLink link = running[i];
            link.Finish();
            LinkStatistics s = link.Statistics;
            reports[i] = new LinkReport(
                link.Id, link.Model.Scheme, s.Attempts, s.Pairs, s.Pairs / seconds, s.SuccessProbability,
                s.MeanFidelity, s.MeanHeraldingLatencySeconds,
                link.Physics.SuccessProbability, link.Physics.ExpectedRateHz * link.Channels, link.DeliveredState.Fidelity);
        }
        return new RunResult(seed, sim.EventsProcessed, seconds, reports);
    }
}
