namespace QNet.Sre.Specs;

/// <summary>Comparison of a threshold objective (OpenSLO <c>op</c>).</summary>
public enum ThresholdOp
{
    Lt,
    Lte,
    Gt,
    Gte,
}

/// <summary>What good means for budgeting: events (Occurrences) or time slices (Timeslices).</summary>
public enum BudgetingMethod
{
    Occurrences,
    Timeslices,
}

/// <summary>An SLO objective.</summary>
/// <param name="Target">Fraction of good events or good slices over the period, in (0, 1).</param>
/// <param name="Op">Threshold comparison (threshold SLIs only).</param>
/// <param name="Value">Threshold value, in the metric's unit (threshold SLIs only).</param>
/// <param name="TimeSliceTarget">For ratio SLIs under Timeslices: fraction of good events that makes a slice good.</param>
/// <param name="TimeSliceWindow">Slice length (Timeslices only).</param>
public sealed record Objective(double Target, ThresholdOp? Op, double? Value, double? TimeSliceTarget, TimeSpan? TimeSliceWindow)
{
    /// <summary>Allowed fraction of bad events or slices: 1 − target, computed in decimal so 1 − 0.99 is 0.01, not 0.010000000000000009.</summary>
    public double ErrorBudget => (double)(1m - (decimal)Target);
}
