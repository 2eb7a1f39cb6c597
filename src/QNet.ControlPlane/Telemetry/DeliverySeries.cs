using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// One session class's delivered pairs, each figure counted once: pairs, the fidelity's sum and count within the SLO
/// threshold. Its tally series read these figures when sampled: <c>qnet_session_pairs_delivered_total</c>, the
/// fidelity histogram's <c>_count</c>, <c>+Inf</c>, threshold bucket and <c>_sum</c>, and the pairs judged
/// <c>target="met"</c> against their session's own fidelity (every delivered pair met it). The sum is exact (<see cref="ExactSum"/>). Simulation thread only.
/// </summary>
internal sealed class DeliverySeries
{
    private DeliveryTally _tally;

    /// <summary>Creates the class's delivery series (read from this object) in <paramref name="tallies"/>, in the order the per-pair adds made them.</summary>
    public DeliverySeries(TallyBook tallies, SessionTargetMetrics targets, string sessionClass)
    {
        SessionClass = sessionClass;
        Tag = new KeyValuePair<string, object?>("session_class", sessionClass);
        tallies.Read(MetricCatalogue.Total(MetricCatalogue.SessionPairsDelivered), "session_class", sessionClass, () => Pairs);
        tallies.ReadHistogram(MetricCatalogue.SessionPairFidelity, "session_class", sessionClass, MetricCatalogue.FidelityThreshold,
            () => Pairs, () => FidelityWithin, () => FidelitySum);
        targets.ReadMet(sessionClass, () => Pairs);
    }

    /// <summary>The session class (the sessions' application).</summary>
    public string SessionClass { get; }

    /// <summary>The instruments' tag of the class.</summary>
    public KeyValuePair<string, object?> Tag { get; }

    /// <summary>Pairs delivered since start.</summary>
    public long Pairs => _tally.Pairs;

    /// <summary>Sum of the delivered pairs' fidelities.</summary>
    public double FidelitySum => _tally.FidelitySum.Value;

    /// <summary>Pairs with a fidelity at or below <see cref="MetricCatalogue.FidelityThreshold"/> (the histogram's <c>le</c> bucket).</summary>
    public long FidelityWithin => _tally.FidelityWithin;

    /// <summary>Counts one delivered pair.</summary>
    public void Observe(double fidelity) => _tally.Observe(fidelity);

    /// <summary>Adds pairs counted elsewhere (a session partition's, merged at a sync point).</summary>
    public void Add(in DeliveryTally delivered) => _tally.Add(delivered);
}
