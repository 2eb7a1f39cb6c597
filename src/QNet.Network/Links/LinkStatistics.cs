namespace QNet.Network.Links;

/// <summary>
/// Running counters of one link. Attempts count those whose outcome is known. A view: the counters live in the link
/// runtime itself, next to the rest of what a herald touches.
/// </summary>
public sealed class LinkStatistics
{
    private readonly HeraldedLink _link;

    internal LinkStatistics(HeraldedLink link) => _link = link;

    /// <summary>Attempts whose outcome (herald or not) is known.</summary>
    public long Attempts => _link.AttemptCount;

    /// <summary>Heralded pairs.</summary>
    public long Pairs => _link.PairCount;

    /// <summary>
    /// Heralds caused by dark counts (no photon of the pair clicked): each herald is one with probability
    /// 1 − <see cref="LinkPhysics.TrueHeraldFraction"/>, drawn on the link's own <c>:dark</c> stream.
    /// </summary>
    public long DarkCountHeralds => _link.DarkCountHeraldCount;

    /// <summary>Sum of the pairs' fidelities at herald time.</summary>
    public double FidelitySum => _link.FidelitySum;

    /// <summary>Sum of the pairs' heralding latencies, in seconds.</summary>
    public double HeraldingLatencySumSeconds => _link.HeraldingLatencySumSeconds;

    /// <summary>Heralds over attempts (NaN before any attempt).</summary>
    public double SuccessProbability => Attempts == 0 ? double.NaN : Pairs / (double)Attempts;

    /// <summary>Mean fidelity at herald (NaN before any pair).</summary>
    public double MeanFidelity => Pairs == 0 ? double.NaN : FidelitySum / Pairs;

    /// <summary>Mean heralding latency in seconds (NaN before any pair).</summary>
    public double MeanHeraldingLatencySeconds => Pairs == 0 ? double.NaN : HeraldingLatencySumSeconds / Pairs;
}
