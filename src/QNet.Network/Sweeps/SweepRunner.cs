using QNet.Kernel;
using QNet.Network.Links;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Network.Sweeps;

/// <summary>
/// Runs a scenario over the grid of parameter values (every combination), with replications, all
/// (point, run) pairs in parallel. Run r of every point takes the seed
/// <see cref="ReplicationRunner.SeedOf"/>(point's scenario seed, r, runs): the same random numbers at
/// every point (common random numbers, so curves are smooth and differences are the parameter's),
/// and results independent of the number of threads and of scheduling.
/// </summary>
public static class SweepRunner
{
    /// <summary>Most grid points one sweep may have.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>Runs the sweep.</summary>
    /// <param name="text">Scenario text.</param>
    /// <param name="sourceName">File name used in errors.</param>
    /// <param name="parameters">Swept parameters (at least one).</param>
    /// <param name="runs">Replications per point (≥ 1).</param>
    /// <param name="durationSeconds">Simulated seconds per run; null for the scenario's duration.</param>
    /// <param name="engine">Link engine.</param>
    /// <param name="maxDegreeOfParallelism">Runs at once; -1 for every core.</param>
    /// <param name="progress">Receives (task index = point × runs + run, fraction done of that task).</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    public static SweepResult Run(string text, string sourceName, IReadOnlyList<SweepParameter> parameters, int runs = 1,
        double? durationSeconds = null, LinkEngine engine = LinkEngine.AttemptSkipping, int maxDegreeOfParallelism = -1,
        Action<int, double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        int[][] grid = Grid(parameters);
        if (Load(text, sourceName, parameters, grid, out IReadOnlyList<ScenarioError> loadErrors) is not { } scenarios)
        {
            return new SweepResult(parameters, [], loadErrors, runs, durationSeconds ?? double.NaN);
        }
        double seconds = durationSeconds ?? scenarios[0].DurationSeconds;
        var duration = SimTime.FromSeconds(seconds);

        var results = new RunResult?[grid.Length * runs];
        var errors = new string?[grid.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, results.Length, options, task =>
        {
            int p = task / runs, r = task % runs;
            Scenario scenario = scenarios[p];
            IProgress<double>? sink = progress is null ? null : new Sink(f => progress(task, f));
            try
            {
                results[task] = NetworkRun.Run(scenario, ReplicationRunner.SeedOf(scenario.Seed, r, runs), duration, engine, sink, cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                errors[p] = e.Message; // the same model fails the same way in every run
                progress?.Invoke(task, 1);
            }
        });

        var points = new SweepPoint[grid.Length];
        for (int p = 0; p < grid.Length; p++)
        {
            string[] values = parameters.Select((par, i) => par.Values[grid[p][i]]).ToArray();
            double[] numbers = parameters.Select((par, i) => par.Numbers[grid[p][i]]).ToArray();
            points[p] = new SweepPoint(p, values, numbers, errors[p] is null ? Summarise(scenarios[p].Seed, results.AsSpan(p * runs, runs).ToArray()!) : null, errors[p]);
        }
        return new SweepResult(parameters, points, [], runs, seconds);
    }

    /// <summary>
    /// Runs the tasks of <paramref name="shard"/> only (task = point × runs + run; see <see cref="SweepShard"/>),
    /// each with the same seed as in <see cref="Run"/>, and keeps the figures a sweep reports. The figures of
    /// all shards, given to <see cref="SweepTable.TryCombine"/>, give the single-process table exactly.
    /// </summary>
    /// <param name="text">Scenario text.</param>
    /// <param name="sourceName">File name used in errors.</param>
    /// <param name="parameters">Swept parameters (at least one).</param>
    /// <param name="shard">The share to run; <see cref="SweepShard.Whole"/> for all of it.</param>
    /// <param name="runs">Replications per point (≥ 1).</param>
    /// <param name="durationSeconds">Simulated seconds per run; null for the scenario's duration.</param>
    /// <param name="engine">Link engine.</param>
    /// <param name="maxDegreeOfParallelism">Runs at once; -1 for every core.</param>
    /// <param name="progress">Receives (position among this shard's tasks, fraction done of that task).</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    public static SweepShardResult RunShard(string text, string sourceName, IReadOnlyList<SweepParameter> parameters, SweepShard shard, int runs = 1,
        double? durationSeconds = null, LinkEngine engine = LinkEngine.AttemptSkipping, int maxDegreeOfParallelism = -1,
        Action<int, double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        int[][] grid = Grid(parameters);
        if (Load(text, sourceName, parameters, grid, out IReadOnlyList<ScenarioError> loadErrors) is not { } scenarios)
        {
            return new SweepShardResult(parameters, shard, runs, durationSeconds ?? double.NaN, grid.Length, [], loadErrors);
        }
        double seconds = durationSeconds ?? scenarios[0].DurationSeconds;
        var duration = SimTime.FromSeconds(seconds);
        int[] tasks = shard.Tasks(grid.Length * runs).ToArray();
        var figures = new SweepRunFigures[tasks.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, tasks.Length, options, k =>
        {
            int p = tasks[k] / runs, r = tasks[k] % runs;
            Scenario scenario = scenarios[p];
            IProgress<double>? sink = progress is null ? null : new Sink(f => progress(k, f));
            try
            {
                RunResult result = NetworkRun.Run(scenario, ReplicationRunner.SeedOf(scenario.Seed, r, runs), duration, engine, sink, cancellationToken);
                figures[k] = SweepRunFigures.Of(p, r, result);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                figures[k] = SweepRunFigures.Failed(p, r, e.Message);
                progress?.Invoke(k, 1);
            }
        });
        return new SweepShardResult(parameters, shard, runs, seconds, grid.Length, figures, []);
    }

    /// <summary>The scenario errors of the first grid point that does not load (each naming the field and the override); empty when all load.</summary>
    public static IReadOnlyList<ScenarioError> Check(string text, string sourceName, IReadOnlyList<SweepParameter> parameters)
    {
        Load(text, sourceName, parameters, Grid(parameters), out IReadOnlyList<ScenarioError> errors);
        return errors;
    }

    /// <summary>The value index of each parameter at grid point <paramref name="point"/> (the last parameter varies fastest).</summary>
    public static int[] Coordinates(IReadOnlyList<SweepParameter> parameters, int point)
    {
        var at = new int[parameters.Count];
        int rest = point;
        for (int i = parameters.Count - 1; i >= 0; i--)
        {
            at[i] = rest % parameters[i].Values.Count;
            rest /= parameters[i].Values.Count;
        }
        return at;
    }

    /// <summary>The number of grid points of <paramref name="parameters"/> (their value counts multiplied).</summary>
    public static long PointCount(IReadOnlyList<SweepParameter> parameters) =>
        parameters.Aggregate(1L, (n, p) => n > MaxPoints ? n : n * p.Values.Count);

    private static int[][] Grid(IReadOnlyList<SweepParameter> parameters)
    {
        long count = PointCount(parameters);
        if (count > MaxPoints)
        {
            throw new ArgumentException($"the sweep has more than {MaxPoints} points; sweep fewer values.", nameof(parameters));
        }
        var grid = new int[count][];
        for (int p = 0; p < count; p++)
        {
            grid[p] = Coordinates(parameters, p);
        }
        return grid;
    }

    // Loads every point first: a bad override stops the sweep before any CPU is spent.
    private static Scenario[]? Load(string text, string sourceName, IReadOnlyList<SweepParameter> parameters, int[][] grid, out IReadOnlyList<ScenarioError> errors)
    {
        errors = [];
        var scenarios = new Scenario[grid.Length];
        for (int p = 0; p < grid.Length; p++)
        {
            var overrides = parameters.Select((par, i) => KeyValuePair.Create(par.Path, par.Values[grid[p][i]])).ToArray();
            ScenarioLoadResult loaded = ScenarioOverrides.Parse(text, sourceName, overrides);
            if (loaded.Scenario is null)
            {
                errors = loaded.Errors;
                return null;
            }
            scenarios[p] = loaded.Scenario;
        }
        return scenarios;
    }

    private static SimulationSummary Summarise(ulong seed, RunResult[] runs)
    {
        var links = Enumerable.Range(0, runs[0].Links.Count).Select(l => LinkSummary.Of(runs.Select(r => r.Links[l]).ToArray())).ToArray();
        var sessions = Enumerable.Range(0, runs[0].Sessions.Count).Select(s => SessionSummary.Of(runs.Select(r => r.Sessions[s]).ToArray())).ToArray();
        return new SimulationSummary(seed, runs, links, sessions);
    }

    private sealed class Sink(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
