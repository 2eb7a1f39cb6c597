using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// What heralds on one link add up to: pairs, the heralding latency's sum and count within the SLO threshold, the
/// fidelity's sum, sum of squares and count within the threshold bucket. Integer counts and <see cref="ExactSum"/>s, so
/// tallies kept apart (a session partition's) and added later give the same figures as one tally of every herald.
/// </summary>
internal struct HeraldTally
{
    /// <summary>Pairs heralded.</summary>
    public long Pairs;

    /// <summary>Heralds with a latency at or below <see cref="MetricCatalogue.HeraldingLatencyThresholdSeconds"/>.</summary>
    public long LatencyWithin;

    /// <summary>Pairs with a fidelity at or below <see cref="MetricCatalogue.FidelityThreshold"/>.</summary>
    public long FidelityWithin;

    /// <summary>Sum of the heralding latencies, in seconds.</summary>
    public ExactSum LatencySum;

    /// <summary>Sum of the pair fidelities.</summary>
    public ExactSum FidelitySum;

    /// <summary>Sum of the squared pair fidelities.</summary>
    public ExactSum FidelitySquares;

    /// <summary>Counts one herald.</summary>
    public void Observe(double fidelity, double latencySeconds)
    {
        Pairs++;
        LatencySum.Add(latencySeconds);
        FidelitySum.Add(fidelity);
        FidelitySquares.Add(fidelity * fidelity);
        if (latencySeconds <= MetricCatalogue.HeraldingLatencyThresholdSeconds)
        {
            LatencyWithin++;
        }
        if (fidelity <= MetricCatalogue.FidelityThreshold)
        {
            FidelityWithin++;
        }
    }

    /// <summary>Adds a tally kept elsewhere.</summary>
    public void Add(in HeraldTally other)
    {
        Pairs += other.Pairs;
        LatencyWithin += other.LatencyWithin;
        FidelityWithin += other.FidelityWithin;
        LatencySum.Add(other.LatencySum);
        FidelitySum.Add(other.FidelitySum);
        FidelitySquares.Add(other.FidelitySquares);
    }
}
