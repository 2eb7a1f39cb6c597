using QNet.Network.Scenarios;

namespace QNet.Network.Sweeps;

/// <summary>The outcome of a sweep: the grid's points, or the errors that stopped it before any run.</summary>
/// <param name="Parameters">The swept parameters, in the order given.</param>
/// <param name="Points">Every grid point (empty when <paramref name="Errors"/> is not).</param>
/// <param name="Errors">Scenario errors of the first point that failed to load, each naming the field and the override.</param>
/// <param name="Runs">Replications per point.</param>
/// <param name="DurationSeconds">Simulated seconds per run.</param>
public sealed record SweepResult(
    IReadOnlyList<SweepParameter> Parameters,
    IReadOnlyList<SweepPoint> Points,
    IReadOnlyList<ScenarioError> Errors,
    int Runs,
    double DurationSeconds)
{
    /// <summary>Whether the sweep ran.</summary>
    public bool Succeeded => Errors.Count == 0;
}
