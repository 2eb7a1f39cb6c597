using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// What delivered end-to-end pairs add up to: pairs, the fidelity's sum and count within the SLO threshold. An integer
/// count and an <see cref="ExactSum"/>, so tallies kept apart (a session partition's) add up to the same figures in any order.
/// </summary>
internal struct DeliveryTally
{
    /// <summary>Pairs delivered.</summary>
    public long Pairs;

    /// <summary>Pairs with a fidelity at or below <see cref="MetricCatalogue.FidelityThreshold"/>.</summary>
    public long FidelityWithin;

    /// <summary>Sum of the pairs' fidelities.</summary>
    public ExactSum FidelitySum;

    /// <summary>Counts one delivered pair.</summary>
    public void Observe(double fidelity)
    {
        Pairs++;
        FidelitySum.Add(fidelity);
        if (fidelity <= MetricCatalogue.FidelityThreshold)
        {
            FidelityWithin++;
        }
    }

    /// <summary>Adds a tally kept elsewhere.</summary>
    public void Add(in DeliveryTally other)
    {
        Pairs += other.Pairs;
        FidelityWithin += other.FidelityWithin;
        FidelitySum.Add(other.FidelitySum);
    }
}
