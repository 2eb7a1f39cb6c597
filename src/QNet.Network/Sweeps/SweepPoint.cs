using QNet.Network.Simulation;

namespace QNet.Network.Sweeps;

/// <summary>One point of the grid: the value of each parameter and what the runs there gave.</summary>
/// <param name="Index">Position in the grid (the last parameter varies fastest).</param>
/// <param name="Values">Value of each parameter, in parameter order, as scenario text.</param>
/// <param name="Numbers">The same values as numbers in each parameter's unit (NaN for words).</param>
/// <param name="Summary">The runs and their per-link and per-session summaries; null when the point failed.</param>
/// <param name="Error">Why the point could not run (a network the scenario's checks cannot see, e.g. too few memory slots); null when it ran.</param>
public sealed record SweepPoint(int Index, IReadOnlyList<string> Values, IReadOnlyList<double> Numbers, SimulationSummary? Summary, string? Error);
