namespace QNet.Network.Simulation;

/// <summary>The outcome of one simulation run.</summary>
/// <param name="Seed">The seed of this run.</param>
/// <param name="Events">Events the simulator processed.</param>
/// <param name="SimulatedSeconds">Simulated time covered.</param>
/// <param name="Links">One report per link, in definition order.</param>
public sealed record RunResult(ulong Seed, long Events, double SimulatedSeconds, IReadOnlyList<LinkReport> Links);
