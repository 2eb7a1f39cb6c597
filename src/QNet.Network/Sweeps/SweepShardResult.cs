using QNet.Network.Scenarios;

namespace QNet.Network.Sweeps;

/// <summary>The outcome of one shard of a sweep: the figures of its (point, run) tasks, or the errors that stopped it before any run.</summary>
/// <param name="Parameters">The swept parameters, in the order given.</param>
/// <param name="Shard">Which share of the tasks ran.</param>
/// <param name="Runs">Replications per point.</param>
/// <param name="DurationSeconds">Simulated seconds per run.</param>
/// <param name="PointCount">Grid points of the whole sweep.</param>
/// <param name="Figures">This shard's tasks, in task order (empty when <paramref name="Errors"/> is not).</param>
/// <param name="Errors">Scenario errors of the first point that failed to load, each naming the field and the override.</param>
public sealed record SweepShardResult(
    IReadOnlyList<SweepParameter> Parameters,
    SweepShard Shard,
    int Runs,
    double DurationSeconds,
    int PointCount,
    IReadOnlyList<SweepRunFigures> Figures,
    IReadOnlyList<ScenarioError> Errors)
{
    /// <summary>Whether the shard ran.</summary>
    public bool Succeeded => Errors.Count == 0;
}
