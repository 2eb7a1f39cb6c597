namespace QNet.ControlPlane.Storage;

/// <summary>A stored session.</summary>
/// <param name="Id">Session id.</param>
/// <param name="RequestJson">The request (<see cref="Apis.SessionRequest"/>) as JSON.</param>
/// <param name="TraceId">Trace id.</param>
/// <param name="SpanId">Root span id.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="Origin">scenario or api.</param>
/// <param name="Outcome">Last known outcome.</param>
/// <param name="Reason">Last known reason.</param>
/// <param name="Pairs">Pairs delivered so far.</param>
/// <param name="MeanFidelity">Mean delivered fidelity (NaN without pairs).</param>
public sealed record SessionRecord(string Id, string RequestJson, string TraceId, string SpanId, DateTimeOffset CreatedAt, string Origin,
    string Outcome, string? Reason, long Pairs, double MeanFidelity);

/// <summary>A maintenance window: alerts whose labels match are suppressed while it is active.</summary>
/// <param name="Id">Window id.</param>
/// <param name="Start">Start (inclusive).</param>
/// <param name="End">End (exclusive).</param>
/// <param name="Matchers">Label pairs an alert must carry to be covered (e.g. link=alice-r1); empty covers every alert.</param>
/// <param name="Reason">Free text.</param>
public sealed record MaintenanceRecord(string Id, DateTimeOffset Start, DateTimeOffset End, IReadOnlyDictionary<string, string> Matchers, string? Reason)
{
    /// <summary>True at <paramref name="instant"/>.</summary>
    public bool IsActive(DateTimeOffset instant) => instant >= Start && instant < End;
}

/// <summary>A calibration run recorded for a link's devices; it resets the link's calibration drift (M10).</summary>
/// <param name="Id">Run id.</param>
/// <param name="Link">Link calibrated.</param>
/// <param name="At">Twin time of the run.</param>
/// <param name="DriftBefore">Drift just before the run, 0..1.</param>
public sealed record CalibrationRecord(string Id, string Link, DateTimeOffset At, double DriftBefore);

/// <summary>A stored API token (only its SHA-256 hash is kept).</summary>
/// <param name="Hash">Hex SHA-256 of the token.</param>
/// <param name="Role">viewer or operator.</param>
/// <param name="Name">Label given at creation.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record TokenRecord(string Hash, string Role, string Name, DateTimeOffset CreatedAt);

/// <summary>A stored history sample.</summary>
/// <param name="Metric">Series metric name.</param>
/// <param name="LabelsJson">Labels as a JSON object.</param>
/// <param name="UnixMs">Twin time in Unix milliseconds.</param>
/// <param name="Value">Value.</param>
public sealed record SampleRecord(string Metric, string LabelsJson, long UnixMs, double Value);

/// <summary>A stored event (session changes; heralds and swaps are only streamed).</summary>
/// <param name="At">Wall-clock time.</param>
/// <param name="SessionId">Session.</param>
/// <param name="TraceId">Trace id.</param>
/// <param name="Json">The event as JSON.</param>
public sealed record EventRecord(DateTimeOffset At, string SessionId, string TraceId, string Json);

/// <summary>One alert of an Alertmanager notification received by the control plane (the incident record's raw input).</summary>
/// <param name="Id">Row id, increasing in arrival order (0 before it is stored).</param>
/// <param name="ReceivedAt">Wall-clock time of arrival.</param>
/// <param name="Receiver">The QNet webhook it arrived at: page or ticket.</param>
/// <param name="GroupKey">Alertmanager's group key of the notification.</param>
/// <param name="Status">The alert's status: firing or resolved.</param>
/// <param name="AlertName">The alert's <c>alertname</c> label ("" when it has none).</param>
/// <param name="Fingerprint">Alertmanager's fingerprint of the alert's labels.</param>
/// <param name="Labels">The alert's labels.</param>
/// <param name="Annotations">The alert's annotations.</param>
/// <param name="StartsAt">When the alert started, if given.</param>
/// <param name="EndsAt">When it ended (resolved alerts), if given.</param>
/// <param name="GeneratorUrl">Link to the rule that produced it.</param>
public sealed record AlertNotificationRecord(long Id, DateTimeOffset ReceivedAt, string Receiver, string GroupKey, string Status, string AlertName,
    string Fingerprint, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt, string GeneratorUrl);

/// <summary>A session's quantum-memory accounting as the leader last stored it (failover: docs/high-availability.md).</summary>
/// <param name="SessionId">Session.</param>
/// <param name="Held">Pairs its memories held at <paramref name="UnixMs"/> (lost if the leader died then).</param>
/// <param name="LostAtFailover">Pairs it lost at failovers before, in total.</param>
/// <param name="UnixMs">Twin time of the snapshot, Unix milliseconds.</param>
public sealed record MemoryPairsRecord(string SessionId, long Held, long LostAtFailover, long UnixMs);
