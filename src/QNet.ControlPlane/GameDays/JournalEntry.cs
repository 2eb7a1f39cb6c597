namespace QNet.ControlPlane.GameDays;

/// <summary>
/// One entry of a game-day journal: an action, a probe reading, an alert transition, a mitigation action, a fault
/// start or clear, a session change or a QKD event, at its twin time.
/// </summary>
/// <param name="Seconds">Twin time of the entry, in seconds since the twin started.</param>
/// <param name="Type">action, probe, hypothesis, fault, alert, mitigation, session or qkd.</param>
/// <param name="Name">The step's name, the alert's name, the session's id, the mitigation's action...</param>
/// <param name="TraceId">The W3C trace id it belongs to (derived from the seed for actions and sessions), or null.</param>
/// <param name="Detail">Everything else, by field name (values as text, numbers in invariant round-trip form), sorted by name.</param>
internal sealed record JournalEntry(double Seconds, string Type, string Name, string? TraceId, IReadOnlyDictionary<string, string> Detail)
{
    public string? Get(string key) => Detail.TryGetValue(key, out var v) ? v : null;
}

/// <summary>The kinds of journal entries (their <see cref="JournalEntry.Type"/>).</summary>
internal static class JournalTypes
{
    public const string Action = "action";
    public const string Probe = "probe";
    public const string Hypothesis = "hypothesis";
    public const string Fault = "fault";
    public const string Alert = "alert";
    public const string Mitigation = "mitigation";
    public const string Session = "session";
    public const string Qkd = "qkd";
}
