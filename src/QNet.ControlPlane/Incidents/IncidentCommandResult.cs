namespace QNet.ControlPlane.Incidents;

/// <summary>Outcome of an operator command: <see cref="Incident"/> null means not found; <see cref="Conflict"/> set means the transition is not allowed.</summary>
internal sealed record IncidentCommandResult(IncidentView? Incident, string? Conflict)
{
    public static IncidentCommandResult NotFound { get; } = new(null, null);
}
