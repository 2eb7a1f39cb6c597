using QNet.Network.Simulation;

namespace QNet.Network.Sweeps;

/// <summary>
/// One grid point's figures over its runs (means and standard errors), computed from the runs'
/// <see cref="SweepRunFigures"/> in run order, so a single process and merged shards give the same numbers.
/// </summary>
/// <param name="Index">Position in the grid (the last parameter varies fastest).</param>
/// <param name="Values">Value of each parameter, in parameter order, as scenario text.</param>
/// <param name="Numbers">The same values as numbers in each parameter's unit (NaN for words).</param>
/// <param name="Error">Why the point could not run; null when it ran.</param>
/// <param name="Links">Per-link figures (empty on error).</param>
/// <param name="Sessions">Per-session figures (empty on error).</param>
public sealed record SweepPointSummary(int Index, IReadOnlyList<string> Values, IReadOnlyList<double> Numbers, string? Error,
    IReadOnlyList<SweepPointSummary.Link> Links, IReadOnlyList<SweepPointSummary.Session> Sessions)
{
    /// <summary>A link's figures over the runs.</summary>
    public sealed record Link(string Id, Estimate PairsPerSecond, Estimate MeanFidelity);

    /// <summary>A session's figures over the runs; <paramref name="Outcomes"/> counts runs per outcome name (names in ordinal order).</summary>
    public sealed record Session(string Id, IReadOnlyDictionary<string, int> Outcomes, IReadOnlyList<string> Reasons, Estimate Pairs,
        Estimate PairsPerSecond, Estimate MeanFidelity, Estimate TimeToFirstPairSeconds);

    /// <summary>Summarises the runs of one point, given in run order.</summary>
    public static SweepPointSummary Of(int index, IReadOnlyList<string> values, IReadOnlyList<double> numbers, IReadOnlyList<SweepRunFigures> runs)
    {
        // The same model fails the same way in every run: the first run's error stands for the point.
        if (runs.FirstOrDefault(r => r.Error is not null) is { } failed)
        {
            return new SweepPointSummary(index, values, numbers, failed.Error, [], []);
        }
        SweepRunFigures first = runs[0];
        var links = Enumerable.Range(0, first.Links.Count).Select(l => new Link(first.Links[l].Id,
            Estimate.Of(runs.Select(r => r.Links[l].PairsPerSecond)),
            Estimate.Of(runs.Select(r => r.Links[l].MeanFidelity)))).ToArray();
        var sessions = Enumerable.Range(0, first.Sessions.Count).Select(s =>
        {
            var each = runs.Select(r => r.Sessions[s]).ToArray();
            return new Session(each[0].Id,
                each.GroupBy(x => x.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                each.Select(x => x.Reason).OfType<string>().Distinct().ToArray(),
                Estimate.Of(each.Select(x => (double)x.Pairs)),
                Estimate.Of(each.Select(x => x.PairsPerSecond)),
                Estimate.Of(each.Select(x => x.MeanFidelity)),
                Estimate.Of(each.Select(x => x.TimeToFirstPairSeconds)));
        }).ToArray();
        return new SweepPointSummary(index, values, numbers, null, links, sessions);
    }
}
