using QNet.Network.Entanglement;
using QNet.Network.Scenarios;

namespace QNet.Network.Sessions;

/// <summary>What a session got in one run.</summary>
/// <param name="Id">Session id.</param>
/// <param name="Source">Source node.</param>
/// <param name="Destination">Destination node.</param>
/// <param name="Application">What the pairs are for.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Reason">Why it was refused or failed, or a note; null when nothing to say.</param>
/// <param name="Path">The nodes of its (last) path; empty when refused.</param>
/// <param name="EndSlots">Memory slots reserved at each end node.</param>
/// <param name="RepeaterSlotsPerSide">Memory slots reserved on each side of each repeater on its path.</param>
/// <param name="Pairs">Pairs delivered to the application (all at or above the fidelity target).</param>
/// <param name="PairsPerSecond">Pairs over the time it was served.</param>
/// <param name="MeanFidelity">Mean fidelity of delivered pairs.</param>
/// <param name="FidelityP10">10th percentile of delivered fidelity.</param>
/// <param name="FidelityP50">Median delivered fidelity.</param>
/// <param name="FidelityP90">90th percentile of delivered fidelity.</param>
/// <param name="TimeToFirstPairSeconds">From admission to the first delivered pair (NaN without pairs).</param>
/// <param name="Failures">Pairs lost, by reason (every reason listed, in wire-name order).</param>
/// <param name="ApplicationFidelity">Teleported-state fidelity (teleport) or GHZ fidelity (ghz); NaN otherwise.</param>
/// <param name="ExpectedFidelity">The admission estimate of delivered fidelity (no memory waiting).</param>
/// <param name="Reroutes">Times it moved to another path after a link failure.</param>
/// <param name="Qkd">BBM92 figures of a qkd session (sifted bits, QBER, secret bits, blocks, rates); null otherwise.</param>
public sealed record SessionReport(
    string Id,
    string Source,
    string Destination,
    SessionApplication Application,
    SessionOutcome Outcome,
    string? Reason,
    IReadOnlyList<string> Path,
    int EndSlots,
    int RepeaterSlotsPerSide,
    long Pairs,
    double PairsPerSecond,
    double MeanFidelity,
    double FidelityP10,
    double FidelityP50,
    double FidelityP90,
    double TimeToFirstPairSeconds,
    IReadOnlyDictionary<LossReason, long> Failures,
    double ApplicationFidelity,
    double ExpectedFidelity,
    int Reroutes,
    Qkd.QkdSessionFigures? Qkd = null)
{
    /// <summary>Compute tasks completed (compute sessions; 0 otherwise).</summary>
    public long Tasks { get; init; }

    /// <summary>Compute tasks per second served (NaN without a compute session or serving time).</summary>
    public double TasksPerSecond { get; init; } = double.NaN;

    /// <summary>Waiting times to the delivered pairs (mean and quantiles, seconds).</summary>
    public WaitingTimeFigures WaitingTimes { get; init; } = WaitingTimeFigures.None;
}
