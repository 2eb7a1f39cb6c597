namespace QNet.Network.Scenarios;

/// <summary>
/// One fault: what it does, to what, how strongly, when it starts and (optionally) after how long it is repaired.
/// Validated at construction; <see cref="Problem"/> gives the field and message without throwing (the scenario loader
/// and the control API report that).
/// </summary>
/// <param name="Kind">What it does (<c>kind</c>).</param>
/// <param name="Target">Link or node id, or <c>*</c> for a control delay on every node (<c>target</c>).</param>
/// <param name="Magnitude">Strength in the kind's unit (<see cref="FaultKinds.UnitOf"/>); 0 for a cut (<c>magnitude</c>).</param>
/// <param name="AtSeconds">Simulated time it starts, in seconds (<c>at</c>, default 0).</param>
/// <param name="DurationSeconds">Repair time: it clears itself this long after it starts, in seconds; null: until cleared (<c>duration</c>).</param>
public sealed record FaultSpec(FaultKind Kind, string Target, double Magnitude, double AtSeconds = 0, double? DurationSeconds = null)
{
    /// <summary>Target id.</summary>
    public string Target { get; } = !string.IsNullOrWhiteSpace(Target) ? Target : throw new ArgumentException("target must not be empty.", nameof(Target));

    /// <summary>Strength in the kind's unit.</summary>
    public double Magnitude { get; } = FaultKinds.MagnitudeProblem(Kind, Magnitude) is { } m
        ? throw new ArgumentOutOfRangeException(nameof(Magnitude), Magnitude, $"magnitude {m}.")
        : FaultKinds.HasMagnitude(Kind) ? Magnitude : 0;

    /// <summary>Start time in seconds.</summary>
    public double AtSeconds { get; } = RangeRule.SimulatedInstant.Problem(AtSeconds) is { } a
        ? throw new ArgumentOutOfRangeException(nameof(AtSeconds), AtSeconds, $"at {a}.")
        : AtSeconds;

    /// <summary>Repair time in seconds, or null.</summary>
    public double? DurationSeconds { get; } = DurationSeconds is { } d && RangeRule.SimulatedSpan.Problem(d) is { } p
        ? throw new ArgumentOutOfRangeException(nameof(DurationSeconds), d, $"duration {p}.")
        : DurationSeconds;

    /// <summary>
    /// The field (<c>magnitude</c>, <c>at</c>, <c>duration</c>) and message of the first problem with these values, or null.
    /// The target is checked against a network by <see cref="FaultTargets"/>.
    /// </summary>
    public static (string Field, string Message)? Problem(FaultKind kind, double magnitude, double atSeconds, double? durationSeconds)
    {
        if (FaultKinds.MagnitudeProblem(kind, magnitude) is { } m)
        {
            return ("magnitude", $"{FaultKinds.Name(kind)}: magnitude {m}");
        }
        if (RangeRule.SimulatedInstant.Problem(atSeconds) is { } a)
        {
            return ("at", "at " + a);
        }
        if (durationSeconds is { } d && RangeRule.SimulatedSpan.Problem(d) is { } p)
        {
            return ("duration", "duration " + p);
        }
        return null;
    }
}
