using QNet.Network.Sessions;
using QNet.Network.Simulation;

namespace QNet.Network.Sweeps;

/// <summary>
/// What one run of one grid point gave, reduced to the figures a sweep reports: small enough to write
/// to a shard file and read back exactly, so a merged sweep summarises the very same numbers.
/// </summary>
/// <param name="Point">Grid point index.</param>
/// <param name="Run">Replication index at that point.</param>
/// <param name="Error">Why the point could not run; null when it ran.</param>
/// <param name="Links">One entry per link, in definition order (empty on error).</param>
/// <param name="Sessions">One entry per session, in definition order (empty on error).</param>
public sealed record SweepRunFigures(int Point, int Run, string? Error, IReadOnlyList<SweepRunFigures.Link> Links, IReadOnlyList<SweepRunFigures.Session> Sessions)
{
    /// <summary>A link's figures in one run.</summary>
    /// <param name="Id">Link id.</param>
    /// <param name="PairsPerSecond">Heralded pairs per simulated second.</param>
    /// <param name="MeanFidelity">Mean fidelity of the heralded pairs (NaN without pairs).</param>
    public sealed record Link(string Id, double PairsPerSecond, double MeanFidelity);

    /// <summary>A session's figures in one run.</summary>
    /// <param name="Id">Session id.</param>
    /// <param name="Outcome">Its outcome's wire name (<c>completed</c>, <c>refused</c>, ...).</param>
    /// <param name="Reason">Why it was refused or failed; null otherwise.</param>
    /// <param name="Pairs">Pairs delivered.</param>
    /// <param name="PairsPerSecond">Pairs delivered per simulated second.</param>
    /// <param name="MeanFidelity">Mean delivered fidelity (NaN without pairs).</param>
    /// <param name="TimeToFirstPairSeconds">Seconds from admission to the first pair (NaN without pairs).</param>
    public sealed record Session(string Id, string Outcome, string? Reason, long Pairs, double PairsPerSecond, double MeanFidelity, double TimeToFirstPairSeconds);

    /// <summary>The figures of <paramref name="result"/>, run <paramref name="run"/> of point <paramref name="point"/>.</summary>
    public static SweepRunFigures Of(int point, int run, RunResult result) => new(point, run, null,
        result.Links.Select(l => new Link(l.Id, l.PairsPerSecond, l.MeanFidelity)).ToArray(),
        result.Sessions.Select(s => new Session(s.Id, SessionNames.Of(s.Outcome), s.Reason, s.Pairs, s.PairsPerSecond, s.MeanFidelity, s.TimeToFirstPairSeconds)).ToArray());

    /// <summary>A run that could not take place.</summary>
    public static SweepRunFigures Failed(int point, int run, string error) => new(point, run, error, [], []);
}
