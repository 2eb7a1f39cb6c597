namespace QNet.Network.Sweeps;

/// <summary>
/// A finished sweep as it is reported: every grid point summarised over its runs. Built from the runs'
/// figures whether they come from one process or from the shards of many.
/// </summary>
/// <param name="Parameters">The swept parameters, in the order given.</param>
/// <param name="Runs">Replications per point.</param>
/// <param name="DurationSeconds">Simulated seconds per run.</param>
/// <param name="Points">Every grid point, in grid order.</param>
public sealed record SweepTable(IReadOnlyList<SweepParameter> Parameters, int Runs, double DurationSeconds, IReadOnlyList<SweepPointSummary> Points)
{
    /// <summary>
    /// Summarises <paramref name="figures"/>, which must hold every (point, run) of the grid exactly once, in any
    /// order. Returns null and an error naming the first missing or repeated (point, run) otherwise.
    /// </summary>
    public static SweepTable? TryCombine(IReadOnlyList<SweepParameter> parameters, int runs, double durationSeconds,
        IEnumerable<SweepRunFigures> figures, out string error)
    {
        error = "";
        int points = (int)SweepRunner.PointCount(parameters);
        var byTask = new SweepRunFigures?[points * runs];
        foreach (SweepRunFigures f in figures)
        {
            if (f.Point < 0 || f.Point >= points || f.Run < 0 || f.Run >= runs)
            {
                error = $"point {f.Point} run {f.Run} is outside the grid of {points} point(s) × {runs} run(s)";
                return null;
            }
            int task = f.Point * runs + f.Run;
            if (byTask[task] is not null)
            {
                error = $"point {f.Point} run {f.Run} appears twice";
                return null;
            }
            byTask[task] = f;
        }
        int missing = Array.FindIndex(byTask, f => f is null);
        if (missing >= 0)
        {
            error = $"point {missing / runs} run {missing % runs} is missing";
            return null;
        }
        var summaries = new SweepPointSummary[points];
        for (int p = 0; p < points; p++)
        {
            int[] at = SweepRunner.Coordinates(parameters, p);
            summaries[p] = SweepPointSummary.Of(p, parameters.Select((par, i) => par.Values[at[i]]).ToArray(),
                parameters.Select((par, i) => par.Numbers[at[i]]).ToArray(), byTask.AsSpan(p * runs, runs).ToArray()!);
        }
        return new SweepTable(parameters, runs, durationSeconds, summaries);
    }
}
