using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// One link's heralds, each figure counted once: pairs, the heralding latency's sum and count within the SLO threshold,
/// the fidelity's sum, sum of squares and count within the threshold bucket. The tally series of the link
/// (<c>qnet_link_pairs_generated_total</c>, and <c>_count</c>, <c>+Inf</c>, threshold bucket and <c>_sum</c> of the
/// latency and fidelity histograms) read these figures when sampled, so a herald (the twin's most frequent event)
/// updates one object instead of eleven series. Simulation thread only.
/// </summary>
internal sealed class LinkSeries
{
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
    public long Pairs { get; private set; }

    /// <summary>Sum of the heralding latencies, in seconds.</summary>
    public double LatencySum { get; private set; }

    /// <summary>Heralds with a latency at or below <see cref="MetricCatalogue.HeraldingLatencyThresholdSeconds"/>.</summary>
    public long LatencyWithin { get; private set; }

    /// <summary>Sum of the pair fidelities.</summary>
    public double FidelitySum { get; private set; }

    /// <summary>Sum of the squared pair fidelities (the spread a configuration change's canary is judged against).</summary>
    public double FidelitySquares { get; private set; }

    /// <summary>Pairs with a fidelity at or below <see cref="MetricCatalogue.FidelityThreshold"/> (the histogram's <c>le</c> bucket).</summary>
    public long FidelityWithin { get; private set; }

    /// <summary>Counts one herald.</summary>
    public void Observe(double fidelity, double latencySeconds)
    {
        Pairs++;
        LatencySum += latencySeconds;
        FidelitySum += fidelity;
        FidelitySquares += fidelity * fidelity;
        if (latencySeconds <= MetricCatalogue.HeraldingLatencyThresholdSeconds)
        {
            LatencyWithin++;
        }
        if (fidelity <= MetricCatalogue.FidelityThreshold)
        {
            FidelityWithin++;
        }
    }
}
