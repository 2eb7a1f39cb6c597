using System.Globalization;

namespace QNet.Network.Scenarios;

/// <summary>
/// An allowed range of one number, with the phrase that explains it in an error: the one range check of the
/// scenario loader (reported with file, line and field) and of the control API (a 400 naming the field).
/// </summary>
/// <param name="Min">Lower end.</param>
/// <param name="MinInclusive">Whether <paramref name="Min"/> itself is allowed.</param>
/// <param name="Max">Upper end (<see cref="double.MaxValue"/> for "any finite value", infinity when infinity is allowed).</param>
/// <param name="MaxInclusive">Whether <paramref name="Max"/> itself is allowed.</param>
/// <param name="Requirement">The rule in words, as it ends an error message ("minFidelity must lie between 0 and 1").</param>
public sealed record RangeRule(double Min, bool MinInclusive, double Max, bool MaxInclusive, string Requirement)
{
    /// <summary>0 to 1, both ends included.</summary>
    public static RangeRule Probability { get; } = new(0, true, 1, true, "must lie between 0 and 1");

    /// <summary>Above 0, at most 1.</summary>
    public static RangeRule PositiveProbability { get; } = new(0, false, 1, true, "must be greater than 0 and at most 1");

    /// <summary>Strictly between 0 and 1.</summary>
    public static RangeRule OpenProbability { get; } = new(0, false, 1, false, "must lie strictly between 0 and 1");

    /// <summary>0 or more (infinity included).</summary>
    public static RangeRule NonNegative { get; } = new(0, true, double.PositiveInfinity, true, "must not be negative");

    /// <summary>Above 0 (infinity included).</summary>
    public static RangeRule Positive { get; } = new(0, false, double.PositiveInfinity, true, "must be greater than 0");

    /// <summary>
    /// A span the kernel schedules (attempts, cutoffs, session times): at least 1 ps and at most 100 days.
    /// The kernel counts whole picoseconds, so a shorter span would round to zero.
    /// </summary>
    public static RangeRule SimulatedSpan { get; } = new(0.5e-12, false, Scenario.MaxDurationSeconds, true, "must be at least 1ps (the simulator's time step) and at most 100 days");

    /// <summary>A point in simulated time: from 0 to 100 days.</summary>
    public static RangeRule SimulatedInstant { get; } = new(0, true, Scenario.MaxDurationSeconds, true, "must not be negative and at most 100 days");

    /// <summary>Any number, infinities included (NaN never lies in a range).</summary>
    public static RangeRule Any { get; } = new(double.NegativeInfinity, true, double.PositiveInfinity, true, "");

    /// <summary>True when <paramref name="value"/> lies in the range (NaN never does).</summary>
    public bool Contains(double value) =>
        (MinInclusive ? value >= Min : value > Min) && (MaxInclusive ? value <= Max : value < Max);

    /// <summary>The requirement when <paramref name="value"/> is out of range, null when it is fine.</summary>
    public string? Problem(double value) => Contains(value) ? null : Requirement;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Requirement} ({Min}..{Max})");
}
