namespace QNet.Network.Scenarios;

/// <summary>
/// The one table of fault kinds: wire names (scenario files, the control API, the CLI, stored records), what each
/// targets and the range of its magnitude with its unit. Stored records hold these names, so they never change.
/// </summary>
public static class FaultKinds
{
    /// <summary>The target <c>*</c> of a control delay on every node.</summary>
    public const string AllNodes = "*";

    private static readonly (string Name, FaultKind Kind, FaultTarget Target, RangeRule? Magnitude, string Unit)[] Table =
    [
        ("link-cut", FaultKind.LinkCut, FaultTarget.Link, null, ""),
        ("attenuation-step", FaultKind.AttenuationStep, FaultTarget.Link,
            new RangeRule(0, false, 100, true, "must be an attenuation step greater than 0 and at most 100 dB/km"), "dB/km"),
        ("visibility-drop", FaultKind.VisibilityDrop, FaultTarget.Link,
            new RangeRule(0, true, 1, false, "must be the new visibility V, at least 0 and below 1"), "visibility"),
        ("memory-t2-drop", FaultKind.MemoryT2Drop, FaultTarget.Node,
            new RangeRule(0, false, 1, false, "must be the factor T2 is multiplied by, strictly between 0 and 1"), "factor"),
        ("memory-t1-drop", FaultKind.MemoryT1Drop, FaultTarget.Node,
            new RangeRule(0, false, 1, false, "must be the factor T1 is multiplied by, strictly between 0 and 1"), "factor"),
        ("temperature-drift", FaultKind.TemperatureDrift, FaultTarget.Node,
            new RangeRule(0, false, 1, false, "must be the fraction of T2 lost per hour, strictly between 0 and 1"), "1/h"),
        ("control-delay", FaultKind.ControlDelay, FaultTarget.NodeOrAll,
            new RangeRule(0, false, 60, true, "must be the delay added per classical message, greater than 0 and at most 60 s"), "s"),
        ("detector-background", FaultKind.DetectorBackground, FaultTarget.Link,
            new RangeRule(0, false, 1e10, true, "must be a background click rate greater than 0 and at most 1e10 Hz"), "Hz"),
        ("swap-degradation", FaultKind.SwapDegradation, FaultTarget.Repeater,
            new RangeRule(0, false, 1, false, "must be the added gate depolarising probability, strictly between 0 and 1"), "probability"),
        ("qkd-config-skew", FaultKind.QkdConfigSkew, FaultTarget.QkdLink,
            new RangeRule(1, true, 1_000_000, true, "must be the post-processing configuration version one end moves to, a whole number from 1"), "version"),
        ("calibration-drift", FaultKind.CalibrationDrift, FaultTarget.Link,
            new RangeRule(0, false, 0.5, true, "must be the misalignment gained per hour, greater than 0 and at most 0.5"), "1/h"),
    ];

    /// <summary>Every wire name, in declared order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>The wire name, e.g. <c>link-cut</c>.</summary>
    public static string Name(FaultKind kind) => Row(kind).Name;

    /// <summary>Reads a wire name (case-sensitive, as written in files and requests).</summary>
    public static bool TryParse(string? text, out FaultKind kind)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Name, text, StringComparison.Ordinal))
            {
                kind = row.Kind;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>What the kind targets.</summary>
    public static FaultTarget TargetOf(FaultKind kind) => Row(kind).Target;

    /// <summary>True when the kind takes a magnitude (all but <c>link-cut</c>).</summary>
    public static bool HasMagnitude(FaultKind kind) => Row(kind).Magnitude is not null;

    /// <summary>The unit of the magnitude, as documentation and the CLI show it.</summary>
    public static string UnitOf(FaultKind kind) => Row(kind).Unit;

    /// <summary>True for the kinds whose effect grows with time (applied in steps of <see cref="QNet.Network.Faults.FaultInjector.StepSeconds"/>).</summary>
    public static bool IsDrift(FaultKind kind) => kind is FaultKind.TemperatureDrift or FaultKind.CalibrationDrift;

    /// <summary>What is wrong with <paramref name="magnitude"/> for <paramref name="kind"/>, or null when it is fine.</summary>
    public static string? MagnitudeProblem(FaultKind kind, double magnitude)
    {
        RangeRule? rule = Row(kind).Magnitude;
        if (rule is null)
        {
            return null;
        }
        if (rule.Problem(magnitude) is { } problem)
        {
            return problem;
        }
        return kind == FaultKind.QkdConfigSkew && magnitude != Math.Floor(magnitude) ? rule.Requirement : null;
    }

    /// <summary>Wire names as they end an error message: <c>link-cut, attenuation-step, ... or calibration-drift</c>.</summary>
    public static string Alternatives => ScenarioNames.Alternatives(Names);

    private static (string Name, FaultKind Kind, FaultTarget Target, RangeRule? Magnitude, string Unit) Row(FaultKind kind)
    {
        foreach (var row in Table)
        {
            if (row.Kind == kind)
            {
                return row;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown fault kind");
    }
}
