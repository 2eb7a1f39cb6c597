namespace QNet.ControlPlane.Incidents;

/// <summary>
/// Where an incident is in its lifecycle: open → acknowledged → mitigated → resolved (stages may be skipped). The one
/// step back: an automatically resolved incident whose group fires again within <see cref="IncidentBook.ReopenWindow"/>
/// is reopened (to the furthest stage it had reached before), so a flapping or slow-burn alert does not start a new one.
/// </summary>
internal enum IncidentState
{
    Open,
    Acknowledged,
    Mitigated,
    Resolved,
}

/// <summary>What a timeline entry records.</summary>
internal enum TimelineKind
{
    Opened,
    Fault,
    FaultCleared,
    AlertFiring,
    AlertResolved,
    AlertSuppressed,
    Mitigation,
    Session,
    Calibration,
    Qkd,
    Herald,
    Swap,
    Acknowledged,
    Mitigated,
    Resolved,
    Reopened,
}

/// <summary>The wire names of the incident enums (the API, the store and the CLI use only these).</summary>
internal static class IncidentNames
{
    private static readonly (IncidentState State, string Name)[] States =
    [
        (IncidentState.Open, "open"),
        (IncidentState.Acknowledged, "acknowledged"),
        (IncidentState.Mitigated, "mitigated"),
        (IncidentState.Resolved, "resolved"),
    ];

    private static readonly (TimelineKind Kind, string Name)[] Kinds =
    [
        (TimelineKind.Opened, "opened"),
        (TimelineKind.Fault, "fault"),
        (TimelineKind.FaultCleared, "fault-cleared"),
        (TimelineKind.AlertFiring, "alert-firing"),
        (TimelineKind.AlertResolved, "alert-resolved"),
        (TimelineKind.AlertSuppressed, "alert-suppressed"),
        (TimelineKind.Mitigation, "mitigation"),
        (TimelineKind.Session, "session"),
        (TimelineKind.Calibration, "calibration"),
        (TimelineKind.Qkd, "qkd"),
        (TimelineKind.Herald, "herald"),
        (TimelineKind.Swap, "swap"),
        (TimelineKind.Acknowledged, "acknowledged"),
        (TimelineKind.Mitigated, "mitigated"),
        (TimelineKind.Resolved, "resolved"),
        (TimelineKind.Reopened, "reopened"),
    ];

    /// <summary>Every state's wire name, in lifecycle order.</summary>
    public static IReadOnlyList<string> StateNames { get; } = States.Select(s => s.Name).ToArray();

    public static string Name(IncidentState state) => States.First(s => s.State == state).Name;

    public static string Name(TimelineKind kind) => Kinds.First(k => k.Kind == kind).Name;

    public static bool TryParse(string? name, out IncidentState state)
    {
        foreach (var (s, n) in States)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                state = s;
                return true;
            }
        }
        state = IncidentState.Open;
        return false;
    }

    public static bool TryParse(string? name, out TimelineKind kind)
    {
        foreach (var (k, n) in Kinds)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }
        kind = TimelineKind.Opened;
        return false;
    }
}
