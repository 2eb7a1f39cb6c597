namespace QNet.Network.Scenarios.Loading;

/// <summary>An allowed range of a number, with the phrase that explains it in an error.</summary>
internal readonly record struct Bounds(double Min, bool MinInclusive, double Max, bool MaxInclusive, string Rule)
{
    public static Bounds Probability { get; } = new(0, true, 1, true, "must lie between 0 and 1");

    public static Bounds PositiveProbability { get; } = new(0, false, 1, true, "must be greater than 0 and at most 1");

    public static Bounds OpenProbability { get; } = new(0, false, 1, false, "must lie strictly between 0 and 1");

    public static Bounds NonNegative { get; } = new(0, true, double.PositiveInfinity, true, "must not be negative");

    public static Bounds Positive { get; } = new(0, false, double.PositiveInfinity, true, "must be greater than 0");

    /// <summary>
    /// A span the kernel schedules (attempts, cutoffs, session times): at least 1 ps and at most 100 days.
    /// The kernel counts whole picoseconds, so a shorter span would round to zero.
    /// </summary>
    public static Bounds SimulatedSpan { get; } = new(0.5e-12, false, Scenario.MaxDurationSeconds, true, "must be at least 1ps (the simulator's time step) and at most 100 days");

    /// <summary>A point in simulated time: from 0 to 100 days.</summary>
    public static Bounds SimulatedInstant { get; } = new(0, true, Scenario.MaxDurationSeconds, true, "must not be negative and at most 100 days");

    public static Bounds Any { get; } = new(double.NegativeInfinity, true, double.PositiveInfinity, true, "");

    public bool Contains(double value) =>
        (MinInclusive ? value >= Min : value > Min) && (MaxInclusive ? value <= Max : value < Max);
}
