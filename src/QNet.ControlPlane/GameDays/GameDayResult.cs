namespace QNet.ControlPlane.GameDays;

/// <summary>Whether an expectation was met, with the figure measured and why.</summary>
/// <param name="Expectation">The expectation.</param>
/// <param name="Met">True when met.</param>
/// <param name="MeasuredSeconds">The time measured (detect, reroute, mitigate, recover), or null when it never happened or is not a time.</param>
/// <param name="Reason">What was seen, in words.</param>
internal sealed record ExpectationOutcome(ExpectationSpec Expectation, bool Met, double? MeasuredSeconds, string Reason);

/// <summary>A plotted series: one SLI probe read every minute of twin time.</summary>
internal sealed record TimelineSeries(ProbeSpec Probe, string Name, string Sli, Tolerance? Tolerance, IReadOnlyList<(double Seconds, double? Value)> Points);

/// <summary>A fault's span on the timeline (end: its clear, or the run's end).</summary>
internal sealed record FaultWindow(string Id, string Kind, string Target, double StartSeconds, double EndSeconds);

/// <summary>The report's table (docs/gamedays.md, "Reading the report").</summary>
/// <param name="FirstFaultSeconds">When the first fault started, or null without faults.</param>
/// <param name="TimeToDetectSeconds">First fault to the first alert that fired after it.</param>
/// <param name="TimeToMitigateSeconds">First fault to the first automatic mitigation action after it.</param>
/// <param name="TimeToRecoverSeconds">First fault to the first minute after the last clear at which every steady-state SLI probe holds.</param>
/// <param name="Pages">Alerts that fired with severity page (not muted by maintenance).</param>
/// <param name="Tickets">Alerts that fired with severity ticket (not muted).</param>
/// <param name="Muted">Alerts that fired while a maintenance window muted them.</param>
/// <param name="BudgetBurnedPercent">Per SLO, the most error budget any of its groups burned over the run, in percent.</param>
/// <param name="SessionsAffected">Sessions with a change other than admission after the first fault.</param>
/// <param name="KeyBitsDuringFaults">Secret key bits the QKD links distilled while a fault was active (null when the run did not distil keys).</param>
/// <param name="LongestKeyStallSeconds">The longest span after the warm-up without a new secret key bit (null when the run did not distil keys).</param>
internal sealed record GameDaySummary(double? FirstFaultSeconds, double? TimeToDetectSeconds, double? TimeToMitigateSeconds, double? TimeToRecoverSeconds,
    int Pages, int Tickets, int Muted, IReadOnlyDictionary<string, double> BudgetBurnedPercent, IReadOnlyList<string> SessionsAffected,
    long? KeyBitsDuringFaults, double? LongestKeyStallSeconds);

/// <summary>What a run produced: the journal, the verdict and the figures of the report.</summary>
/// <param name="Experiment">The experiment run.</param>
/// <param name="Source">The experiment file as named.</param>
/// <param name="Entries">The journal, in twin-time order.</param>
/// <param name="HypothesisBefore">The steady state held before the method.</param>
/// <param name="HypothesisAfter">The steady state held after the method (false when not checked).</param>
/// <param name="Expectations">Each expectation's outcome.</param>
/// <param name="Deviations">Why the run deviated, one line per reason (empty when it held).</param>
/// <param name="Summary">The report's figures.</param>
/// <param name="Timeline">The plotted SLIs.</param>
/// <param name="Faults">The fault windows to shade.</param>
/// <param name="EndSeconds">Twin time at the end of the run.</param>
/// <param name="Wall">Wall-clock facts (start, elapsed): kept apart, as they change from run to run.</param>
internal sealed record GameDayResult(Experiment Experiment, string Source, IReadOnlyList<JournalEntry> Entries, bool HypothesisBefore, bool HypothesisAfter,
    IReadOnlyList<ExpectationOutcome> Expectations, IReadOnlyList<string> Deviations, GameDaySummary Summary, IReadOnlyList<TimelineSeries> Timeline,
    IReadOnlyList<FaultWindow> Faults, double EndSeconds, WallClock Wall)
{
    /// <summary>True when the hypothesis held before and after and every expectation was met.</summary>
    public bool Held => Deviations.Count == 0;

    /// <summary>True when a signal (Ctrl-C, SIGTERM) stopped the run: the journal holds what ran until then, and the rollbacks.</summary>
    public bool Interrupted { get; init; }

    /// <summary>The failed call, when a live target stopped answering and the run was aborted (rolled back best effort); null otherwise.</summary>
    public string? AbortedBy { get; init; }

    /// <summary>The journal's and the report's verdict: held, deviated, interrupted or aborted.</summary>
    public string Verdict => AbortedBy is not null ? "aborted" : Interrupted ? "interrupted" : Held ? "held" : "deviated";
}

/// <summary>Wall-clock facts of a run.</summary>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="ElapsedSeconds">How long it took.</param>
/// <param name="Mode">offline or live.</param>
internal sealed record WallClock(DateTimeOffset StartedAt, double ElapsedSeconds, string Mode);
