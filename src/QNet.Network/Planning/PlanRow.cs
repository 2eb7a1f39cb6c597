using QNet.Network.Simulation;

namespace QNet.Network.Planning;

/// <summary>How a design was judged.</summary>
public enum PlanStatus
{
    /// <summary>Simulated; the figures are measured.</summary>
    Simulated,

    /// <summary>Not simulated: the analytic estimate shows it cannot deliver (reason given).</summary>
    Pruned,

    /// <summary>Could not be built or priced (reason given).</summary>
    Failed,
}

/// <summary>How reports spell a <see cref="PlanStatus"/>.</summary>
public static class PlanStatuses
{
    private static readonly Scenarios.NameTable<PlanStatus> Names = new(
        ("simulated", PlanStatus.Simulated), ("pruned", PlanStatus.Pruned), ("failed", PlanStatus.Failed));

    /// <summary>The report spelling of <paramref name="status"/>.</summary>
    public static string Name(PlanStatus status) => Names.NameOf(status);
}

/// <summary>One design's cost and (simulated) performance.</summary>
/// <param name="Design">The design.</param>
/// <param name="Status">Simulated, pruned or failed.</param>
/// <param name="Reason">Why pruned or failed; null when simulated.</param>
/// <param name="CapitalCost">Capital cost of the whole chain.</param>
/// <param name="YearlyCost">Capital over lifetime plus yearly operating cost.</param>
/// <param name="EstimatedFidelity">Analytic upper estimate of delivered fidelity (no memory waits).</param>
/// <param name="EstimatedRateHz">Analytic rough rate of one lane, pairs per second.</param>
/// <param name="UsableRateHz">Simulated pairs per second delivered at or above the target (mean and standard error over runs).</param>
/// <param name="MeanFidelity">Simulated mean fidelity of the delivered pairs.</param>
/// <param name="CostPerPair">Yearly cost over usable pairs per year; infinite without pairs.</param>
/// <param name="Pareto">Whether no other design is both faster and cheaper per pair.</param>
public sealed record PlanRow(
    PlanDesign Design,
    PlanStatus Status,
    string? Reason,
    double CapitalCost,
    double YearlyCost,
    double EstimatedFidelity,
    double EstimatedRateHz,
    Estimate UsableRateHz,
    Estimate MeanFidelity,
    double CostPerPair,
    bool Pareto);
