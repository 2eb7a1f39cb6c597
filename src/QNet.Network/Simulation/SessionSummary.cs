using QNet.Network.Scenarios;
using QNet.Network.Sessions;

namespace QNet.Network.Simulation;

/// <summary>A session's figures over all runs: means with standard errors, and how often each outcome occurred.</summary>
public sealed record SessionSummary(
    string Id,
    string Source,
    string Destination,
    string Application,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Path,
    int EndSlots,
    int RepeaterSlotsPerSide,
    Estimate Pairs,
    Estimate PairsPerSecond,
    Estimate MeanFidelity,
    Estimate FidelityP10,
    Estimate FidelityP50,
    Estimate FidelityP90,
    Estimate TimeToFirstPairSeconds,
    IReadOnlyDictionary<string, double> Failures,
    Estimate ApplicationFidelity,
    double ExpectedFidelity,
    Estimate Reroutes,
    QkdSessionSummary? Qkd = null)
{
    /// <summary>Waiting time to each delivered pair, in seconds: the mean and quantiles of each run, averaged over runs.</summary>
    public WaitingTimeSummary WaitingTimes { get; init; } = WaitingTimeSummary.None;

    /// <summary>Compute tasks per second (mean over runs; NaN for other applications).</summary>
    public Estimate TasksPerSecond { get; init; } = new(double.NaN, double.NaN);

    /// <summary>Summarises the same session across runs.</summary>
    public static SessionSummary Of(IReadOnlyList<SessionReport> runs)
    {
        SessionReport first = runs[0];
        return new SessionSummary(
            first.Id, first.Source, first.Destination, ScenarioNames.Of(first.Application),
            runs.GroupBy(r => SessionNames.Of(r.Outcome)).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            runs.Select(r => r.Reason).OfType<string>().Distinct().ToArray(),
            first.Path,
            first.EndSlots,
            first.RepeaterSlotsPerSide,
            Estimate.Of(runs.Select(r => (double)r.Pairs)),
            Estimate.Of(runs.Select(r => r.PairsPerSecond)),
            Estimate.Of(runs.Select(r => r.MeanFidelity)),
            Estimate.Of(runs.Select(r => r.FidelityP10)),
            Estimate.Of(runs.Select(r => r.FidelityP50)),
            Estimate.Of(runs.Select(r => r.FidelityP90)),
            Estimate.Of(runs.Select(r => r.TimeToFirstPairSeconds)),
            runs.SelectMany(r => r.Failures).GroupBy(kv => SessionNames.Of(kv.Key)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(kv => (double)kv.Value) / runs.Count),
            Estimate.Of(runs.Select(r => r.ApplicationFidelity)),
            first.ExpectedFidelity,
            Estimate.Of(runs.Select(r => (double)r.Reroutes)),
            QkdSessionSummary.Of(runs.Select(r => r.Qkd)))
        {
            WaitingTimes = WaitingTimeSummary.Of(runs.Select(r => r.WaitingTimes).ToArray()),
            TasksPerSecond = Estimate.Of(runs.Select(r => r.TasksPerSecond)),
        };
    }
}
