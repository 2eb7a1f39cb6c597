using QNet.ControlPlane.Events;
using QNet.ControlPlane.Slo;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using QNet.Sre.Evaluation;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// Where a game day runs: a fresh seeded twin in-process (<see cref="OfflineTarget"/>) or a running <c>qnet up</c>
/// through its API (<see cref="LiveTarget"/>). The runner, the probes and the evaluation are the same for both; a
/// target only advances time, answers reads and carries out actions. Times are twin seconds since the target's twin
/// started; every call is made from the runner's thread.
/// </summary>
internal interface IGameDayTarget
{
    /// <summary>offline or live (the journal's <c>wall.mode</c>).</summary>
    string Mode { get; }

    /// <summary>The twin clock at twin time zero.</summary>
    DateTimeOffset Epoch { get; }

    /// <summary>Twin time now, in seconds since the twin started.</summary>
    double Seconds { get; }

    /// <summary>Twin time now, in Unix milliseconds.</summary>
    long UnixMs { get; }

    /// <summary>The cumulative metric series (counters, gauges, histogram sums and counts), sampled every 15 s of twin time.</summary>
    IMetricHistory History { get; }

    /// <summary>Alerts at the last sample.</summary>
    IReadOnlyList<AlertView> Alerts { get; }

    /// <summary>Secret bits distilled by every QKD link together at each sample (Unix ms), oldest first; empty when not read.</summary>
    IReadOnlyList<(long UnixMs, long Bits)> KeyBits { get; }

    /// <summary>SLO budgets now.</summary>
    IReadOnlyList<SloStatus> Budgets();

    /// <summary>How many sessions are in <paramref name="outcome"/> (only <paramref name="sessionId"/> when given).</summary>
    int CountSessions(SessionOutcome outcome, string? sessionId);

    /// <summary>Starts hearing session changes, mitigation actions and QKD events, and the start and clear of faults.</summary>
    void Observe(Action<TwinEvent> onEvent, Action<FaultChange> onFault);

    /// <summary>
    /// Lets twin time reach <paramref name="endSeconds"/>, calling <paramref name="sampled"/> after each 15 s sample;
    /// throws <see cref="OperationCanceledException"/> when the run is interrupted.
    /// </summary>
    void RunUntil(double endSeconds, Action sampled);

    /// <summary>A trace id for an action (offline: derived from the seed and <paramref name="key"/>; live: sent with the request).</summary>
    string NewTrace(string key);

    /// <summary>Injects a fault now; returns the target's fault id, or the field and message of what is wrong.</summary>
    (string? Id, string? Error) Inject(FaultKind kind, string target, double magnitude, double? durationSeconds, string trace);

    /// <summary>Clears a fault; false when it is not active.</summary>
    bool Clear(string faultId, string trace);

    /// <summary>Submits a session; returns its outcome's wire name (or the error) and its trace id.</summary>
    (string Outcome, string? TraceId) Submit(SessionSpec spec, string trace);

    /// <summary>Opens a maintenance window from now; returns an error or null.</summary>
    string? OpenMaintenance(string name, IReadOnlyDictionary<string, string> matchers, double seconds, string trace);

    /// <summary>Changes the mitigation policy (switch, or one rule's threshold); returns the field and message of what is wrong, or null.</summary>
    string? SetMitigation(ActionSpec action, string trace);

    /// <summary>
    /// Undoes what the run changed and has not undone (live: clears faults it injected, closes maintenance windows it
    /// opened, restores the mitigation policy it changed, cancels sessions it started); returns one line per thing undone.
    /// </summary>
    IReadOnlyList<string> Restore();
}

/// <summary>A fault of the run started or cleared.</summary>
/// <param name="FaultId">The target's fault id.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Target">Its link or node.</param>
/// <param name="Started">True when it started, false when it cleared.</param>
/// <param name="Seconds">Twin time of the change.</param>
internal sealed record FaultChange(string FaultId, FaultKind Kind, string Target, bool Started, double Seconds);
