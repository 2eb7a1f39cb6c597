using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// One link's heralds, each figure counted once: pairs, the heralding latency's sum and count within the SLO threshold,
/// the fidelity's sum, sum of squares and count within the threshold bucket. The tally series of the link
/// (<c>qnet_link_pairs_generated_total</c>, and <c>_count</c>, <c>+Inf</c>, threshold bucket and <c>_sum</c> of the
/// latency and fidelity histograms) read these figures when sampled, so a herald (the twin's most frequent event)
/// updates one object instead of eleven series. The sums are exact (<see cref="ExactSum"/>): the order in which
/// heralds of several sessions are added does not change them. Simulation thread only.
/// </summary>
internal sealed class LinkSeries
{
    private HeraldTally _tally;

    /// <summary>Creates the link's tally series (read from this object) in <paramref name="tallies"/>, in the order a per-measurement add would.</summary>
    public LinkSeries(TallyBook tallies, string link)
    {
        tallies.Read(MetricCatalogue.Total(MetricCatalogue.LinkPairsGenerated), "link", link, () => Pairs);
        tallies.ReadHistogram(MetricCatalogue.HeraldingLatencySeconds, "link", link, MetricCatalogue.HeraldingLatencyThresholdSeconds,
            () => Pairs, () => LatencyWithin, () => LatencySum);
        tallies.ReadHistogram(MetricCatalogue.LinkPairFidelity, "link", link, MetricCatalogue.FidelityThreshold,
            () => Pairs, () => FidelityWithin, () => FidelitySum);
    }

    /// <summary>Pairs heralded since start.</summary>
    public long Pairs => _tally.Pairs;

    /// <summary>Sum of the heralding latencies, in seconds.</summary>
    public double LatencySum => _tally.LatencySum.Value;

    /// <summary>Heralds with a latency at or below <see cref="MetricCatalogue.HeraldingLatencyThresholdSeconds"/>.</summary>
    public long LatencyWithin => _tally.LatencyWithin;

    /// <summary>Sum of the pair fidelities.</summary>
    public double FidelitySum => _tally.FidelitySum.Value;

    /// <summary>Sum of the squared pair fidelities (the spread a configuration change's canary is judged against).</summary>
    public double FidelitySquares => _tally.FidelitySquares.Value;

    /// <summary>Pairs with a fidelity at or below <see cref="MetricCatalogue.FidelityThreshold"/> (the histogram's <c>le</c> bucket).</summary>
    public long FidelityWithin => _tally.FidelityWithin;

    /// <summary>Counts one herald.</summary>
    public void Observe(double fidelity, double latencySeconds) => _tally.Observe(fidelity, latencySeconds);

    /// <summary>Adds heralds counted elsewhere (a session partition's, merged at a sync point).</summary>
    public void Add(in HeraldTally heralds) => _tally.Add(heralds);
}
