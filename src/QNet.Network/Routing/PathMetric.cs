namespace QNet.Network.Routing;

/// <summary>What a path is expected to deliver, from its links' physics (no simulation).</summary>
/// <param name="Path">The path.</param>
/// <param name="ExpectedRateHz">
/// Rough end-to-end pairs per second of one memory lane: the expected time for every link to hold a
/// pair (the maximum of geometric waits), over the chance every swap succeeds.
/// </param>
/// <param name="ExpectedFidelity">
/// Fidelity of a pair made from each link's heralded pair, swapped with each repeater's noisy Bell
/// measurement and purified as asked, ignoring memory waits (an upper estimate).
/// </param>
/// <param name="MinFidelity">The target the path is judged against.</param>
public sealed record PathMetric(RoutePath Path, double ExpectedRateHz, double ExpectedFidelity, double MinFidelity)
{
    /// <summary>Whether the expected fidelity reaches the target.</summary>
    public bool MeetsTarget => ExpectedFidelity >= MinFidelity;

    /// <summary>Usable pairs per second: the expected rate when the target is met, else 0. Higher is better.</summary>
    public double UsableRateHz => MeetsTarget ? ExpectedRateHz : 0;
}
