namespace QNet.Network.Simulation;

/// <summary>The outcome of one simulation run.</summary>
/// <param name="Seed">The seed of this run.</param>
/// <param name="Events">Events the simulator processed.</param>
/// <param name="SimulatedSeconds">Simulated time covered.</param>
/// <param name="Links">One report per link, in definition order.</param>
/// <param name="Sessions">One report per session, in definition order (empty for a link-layer run).</param>
public sealed record RunResult(ulong Seed, long Events, double SimulatedSeconds, IReadOnlyList<LinkReport> Links, IReadOnlyList<Sessions.SessionReport> Sessions)
{
    /// <summary>One report per switch node, in node order (empty without switches).</summary>
    public IReadOnlyList<Switching.SwitchReport> Switches { get; init; } = [];

    /// <summary>A run without sessions.</summary>
    public RunResult(ulong seed, long events, double simulatedSeconds, IReadOnlyList<LinkReport> links)
        : this(seed, events, simulatedSeconds, links, [])
    {
    }
}
