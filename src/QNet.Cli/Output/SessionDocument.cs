using QNet.Network.Simulation;

namespace QNet.Cli.Output;

/// <summary>
/// One session in <see cref="SimulationDocument"/>: with several runs, figures are means over runs,
/// <c>outcomes</c> counts how often each outcome occurred and <c>standardErrors</c> holds the errors.
/// </summary>
internal sealed record SessionDocument(
    string Id,
    string Source,
    string Destination,
    string Application,
    string Outcome,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Path,
    int EndSlots,
    int RepeaterSlotsPerSide,
    double? Pairs,
    double? PairsPerSecond,
    double? MeanFidelity,
    double? FidelityP10,
    double? FidelityP50,
    double? FidelityP90,
    double? MeanTimeToFirstPairSeconds,
    IReadOnlyDictionary<string, double> Failures,
    double? ApplicationFidelity,
    double? ExpectedFidelity,
    double? Reroutes,
    SessionFigures? StandardErrors,
    WaitingTimeDocument WaitingTimes,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] QkdDocument? Qkd = null)
{
    /// <summary>Compute tasks per simulated second (compute sessions; null otherwise). Their mean entanglement fidelity is <see cref="ApplicationFidelity"/>.</summary>
    public double? TasksPerSecond { get; init; }

    public static SessionDocument From(SessionSummary s, bool withErrors) => new(
        s.Id, s.Source, s.Destination, s.Application,
        s.Outcomes.MaxBy(kv => kv.Value).Key,
        s.Outcomes, s.Reasons, s.Path, s.EndSlots, s.RepeaterSlotsPerSide,
        F(s.Pairs.Mean), F(s.PairsPerSecond.Mean), F(s.MeanFidelity.Mean),
        F(s.FidelityP10.Mean), F(s.FidelityP50.Mean), F(s.FidelityP90.Mean),
        F(s.TimeToFirstPairSeconds.Mean), s.Failures, F(s.ApplicationFidelity.Mean), F(s.ExpectedFidelity), F(s.Reroutes.Mean),
        withErrors ? new SessionFigures(F(s.Pairs.StandardError), F(s.PairsPerSecond.StandardError), F(s.MeanFidelity.StandardError),
            F(s.TimeToFirstPairSeconds.StandardError), F(s.ApplicationFidelity.StandardError)) : null,
        WaitingTimeDocument.From(s.WaitingTimes, withErrors),
        s.Qkd is { } q ? new QkdDocument(F(q.SiftedBits.Mean), F(q.Qber.Mean), F(q.SecretBits.Mean), F(q.Blocks.Mean), F(q.SecretBitsPerSecond.Mean),
            F(q.ExpectedQber.Mean), F(q.DiscardedBlocks.Mean), F(q.AsymptoticBitsPerPair.Mean), F(q.AsymptoticBitsPerSecond.Mean), q.BlockSizeBits) : null)
    {
        TasksPerSecond = F(s.TasksPerSecond.Mean),
    };

    private static double? F(double v) => SimulationDocument.Finite(v);
}

/// <summary>Standard errors of a session's figures over runs.</summary>
internal sealed record SessionFigures(double? Pairs, double? PairsPerSecond, double? MeanFidelity, double? MeanTimeToFirstPairSeconds, double? ApplicationFidelity);

/// <summary>BBM92 figures of a qkd session (means over runs); <c>qkd</c> is null for other sessions.</summary>
internal sealed record QkdDocument(
    double? SiftedBits,
    double? Qber,
    double? SecretBits,
    double? Blocks,
    double? SecretBitsPerSecond,
    double? ExpectedQber,
    double? DiscardedBlocks,
    double? AsymptoticBitsPerPair,
    double? AsymptoticBitsPerSecond,
    long BlockSizeBits);

/// <summary>
/// Waiting time to each delivered pair (from the previous one, the first from admission), in seconds: the mean and
/// quantiles (within 1.2 %) of each run, averaged over runs; <c>meanStandardError</c> only with several runs.
/// </summary>
internal sealed record WaitingTimeDocument(double? MeanSeconds, double? P10Seconds, double? P50Seconds, double? P90Seconds, double? P99Seconds, double? MeanStandardError)
{
    public static WaitingTimeDocument From(WaitingTimeSummary w, bool withErrors) => new(
        SimulationDocument.Finite(w.MeanSeconds.Mean), SimulationDocument.Finite(w.P10Seconds.Mean), SimulationDocument.Finite(w.P50Seconds.Mean),
        SimulationDocument.Finite(w.P90Seconds.Mean), SimulationDocument.Finite(w.P99Seconds.Mean),
        withErrors ? SimulationDocument.Finite(w.MeanSeconds.StandardError) : null);
}
