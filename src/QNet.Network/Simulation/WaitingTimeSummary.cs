using QNet.Network.Sessions;

namespace QNet.Network.Simulation;

/// <summary>A session's waiting times to delivered pairs over runs (seconds): each figure's mean and standard error over the runs.</summary>
public sealed record WaitingTimeSummary(Estimate Pairs, Estimate MeanSeconds, Estimate P10Seconds, Estimate P50Seconds, Estimate P90Seconds, Estimate P99Seconds)
{
    /// <summary>No run.</summary>
    public static WaitingTimeSummary None { get; } = Of([]);

    /// <summary>Summarises the same session's waiting times across runs.</summary>
    public static WaitingTimeSummary Of(IReadOnlyList<WaitingTimeFigures> runs) => new(
        Estimate.Of(runs.Select(r => (double)r.Count)),
        Estimate.Of(runs.Select(r => r.MeanSeconds)),
        Estimate.Of(runs.Select(r => r.P10Seconds)),
        Estimate.Of(runs.Select(r => r.P50Seconds)),
        Estimate.Of(runs.Select(r => r.P90Seconds)),
        Estimate.Of(runs.Select(r => r.P99Seconds)));
}
