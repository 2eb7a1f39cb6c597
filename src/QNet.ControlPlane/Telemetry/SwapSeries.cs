using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// One repeater's swaps, counted in one object: attempts and successes, which its tally series
/// (<c>qnet_swap_attempts_total</c>, <c>qnet_swap_successes_total</c>) read when sampled. Simulation thread only.
/// </summary>
internal sealed class SwapSeries
{
    /// <summary>Creates the repeater's tally series (read from this object) in <paramref name="tallies"/>, attempts first.</summary>
    public SwapSeries(TallyBook tallies, string node)
    {
        tallies.Read(MetricCatalogue.Total(MetricCatalogue.SwapAttempts), "node", node, () => Attempts);
        tallies.Read(MetricCatalogue.Total(MetricCatalogue.SwapSuccesses), "node", node, () => Successes);
    }

    /// <summary>Bell-state measurements attempted since start.</summary>
    public long Attempts { get; private set; }

    /// <summary>Bell-state measurements that succeeded since start.</summary>
    public long Successes { get; private set; }

    /// <summary>Adds attempts counted elsewhere (a session partition's, merged at a sync point).</summary>
    public void Add(long attempts, long successes)
    {
        Attempts += attempts;
        Successes += successes;
    }

    /// <summary>Counts one attempt.</summary>
    public void Observe(bool success)
    {
        Attempts++;
        if (success)
        {
            Successes++;
        }
    }
}
