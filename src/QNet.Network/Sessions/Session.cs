using QNet.Network.Entanglement;
using QNet.Network.Scenarios;

namespace QNet.Network.Sessions;

/// <summary>
/// One session, its single home from request to end: the request, the admission decision it runs on, the memory it
/// holds, its runtime (path protocols and counters) and its lifecycle (status, reason, admission and end times).
/// The scheduler keeps one of these per session and builds every report from it. Times are simulated picoseconds.
/// </summary>
internal sealed class Session(SessionSpec request, long index)
{
    private readonly Dictionary<string, int> _reserved = new(StringComparer.Ordinal);

    /// <summary>The request as submitted, or as last revised (<see cref="Revise"/>).</summary>
    public SessionSpec Request { get; private set; } = request;

    /// <summary>The request changed while it runs (a mitigation raised its purification or shortened its cutoff); same id.</summary>
    public void Revise(SessionSpec request)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(request.Id, Request.Id, nameof(request));
        Request = request;
        Runtime?.Revise(request);
    }

    /// <summary>Session id (of the request).</summary>
    public string Id => Request.Id;

    /// <summary>Submission number: only grows, keys the session's admit and end events, orders reports.</summary>
    public long Index { get; } = index;

    /// <summary>Pending until decided, then running, or a final status (refused, completed, failed, cancelled).</summary>
    public SessionOutcome Status { get; private set; } = SessionOutcome.Pending;

    /// <summary>Why it was refused, failed or was cancelled; null otherwise.</summary>
    public string? Reason { get; private set; }

    /// <summary>The decision it runs (or last ran) on; for a refused session, the refusal; null while pending.</summary>
    public AdmissionDecision? Decision { get; private set; }

    /// <summary>Its path protocols and counters, from its admission on (null while pending or when refused).</summary>
    public SessionRuntime? Runtime { get; private set; }

    /// <summary>Memory slots it holds, per node, while it is served (empty otherwise).</summary>
    public IReadOnlyDictionary<string, int> Reserved => _reserved;

    /// <summary>When it was admitted.</summary>
    public long AdmittedAt { get; private set; }

    /// <summary>When it stopped being served (ended, failed or cancelled), or null.</summary>
    public long? EndedAt { get; private set; }

    /// <summary>Times it moved to another path after a link failure.</summary>
    public int Reroutes { get; private set; }

    /// <summary>How many times it was started on a path (admission, reroutes, restarts): keys its random streams.</summary>
    public int Starts { get; private set; }

    /// <summary>Its own simulator and recorded reports when it runs in a partition; null on the shared simulator.</summary>
    public SessionPartition? Partition { get; set; }

    /// <summary>True while its paths run.</summary>
    public bool Serving => Runtime is { Active: true };

    /// <summary>Refused at admission.</summary>
    public void Refuse(AdmissionDecision refusal)
    {
        Decision = refusal;
        (Status, Reason) = (SessionOutcome.Refused, refusal.Reason);
    }

    /// <summary>Admitted on <paramref name="decision"/>, served by <paramref name="runtime"/> from <paramref name="now"/>.</summary>
    public void Admit(AdmissionDecision decision, SessionRuntime runtime, long now)
    {
        (Decision, Runtime, AdmittedAt, Status) = (decision, runtime, now, SessionOutcome.Running);
    }

    /// <summary>Decided again after a change on its path and admitted: it runs on <paramref name="decision"/> (no longer degraded).</summary>
    public void Readmit(AdmissionDecision decision, bool reroute)
    {
        Decision = decision;
        Reroutes += reroute ? 1 : 0;
        if (Status == SessionOutcome.Degraded)
        {
            (Status, Reason) = (SessionOutcome.Running, null);
        }
    }

    /// <summary>
    /// Decided again after a change on its path and kept on <paramref name="decision"/> although that path no longer
    /// reaches its fidelity target: it serves on, degraded, for <paramref name="reason"/>.
    /// </summary>
    public void Degrade(AdmissionDecision decision, bool reroute, string reason)
    {
        Decision = decision;
        Reroutes += reroute ? 1 : 0;
        (Status, Reason) = (SessionOutcome.Degraded, reason);
    }

    /// <summary>True while it serves degraded (<see cref="SessionOutcome.Degraded"/>).</summary>
    public bool Degraded => Status == SessionOutcome.Degraded;

    /// <summary>Takes <paramref name="slots"/> at <paramref name="node"/> for the path being started.</summary>
    public void Reserve(string node, int slots) => _reserved[node] = _reserved.GetValueOrDefault(node) + slots;

    /// <summary>Hands every reserved slot back to <paramref name="free"/>.</summary>
    public void Release(IDictionary<string, int> free)
    {
        foreach (var (node, slots) in _reserved)
        {
            free[node] += slots;
        }
        _reserved.Clear();
    }

    /// <summary>Counts a start on a path and returns its number (0 for the first).</summary>
    public int NextStart() => Starts++;

    /// <summary>True while it waits, failed by a fault, to be re-admitted under the retry policy.</summary>
    public bool Suspended { get; private set; }

    /// <summary>Re-admission attempts since it was last suspended (sizes the backoff).</summary>
    public int RetryAttempts { get; private set; }

    /// <summary>Failed by a fault at <paramref name="now"/> for <paramref name="reason"/>; it waits to be re-admitted.</summary>
    public void Suspend(long now, string reason)
    {
        (EndedAt, Status, Reason, Suspended, RetryAttempts) = (now, SessionOutcome.Failed, reason, true, 0);
    }

    /// <summary>When its next re-admission attempt is due, in picoseconds (an earlier scheduled attempt is stale).</summary>
    public long NextRetryAt { get; set; } = -1;

    /// <summary>Counts a re-admission attempt and returns its number (1 for the first).</summary>
    public int NextRetry() => ++RetryAttempts;

    /// <summary>Re-admitted on <paramref name="decision"/>: running again.</summary>
    public void Resume(AdmissionDecision decision)
    {
        (Decision, Status, Reason, EndedAt, Suspended) = (decision, SessionOutcome.Running, null, null, false);
    }

    /// <summary>No longer waits to be re-admitted (its time is up, or it was cancelled).</summary>
    public void GiveUp() => Suspended = false;

    /// <summary>It stopped being served at <paramref name="now"/>.</summary>
    public void Stopped(long now) => EndedAt = now;

    /// <summary>Its final status and why.</summary>
    public void Finish(SessionOutcome status, string? reason) => (Status, Reason) = (status, reason);

    /// <summary>
    /// Judges a session that ended (its request met or its time up, <paramref name="when"/>): completed when it got its
    /// pairs, its rate or any pair at all, failed otherwise with what it got and lost.
    /// </summary>
    public (SessionOutcome, string?) Judge(string? when)
    {
        long delivered = Runtime!.Delivered.Count;
        if (Request.Pairs is { } wanted)
        {
            return delivered >= wanted
                ? (SessionOutcome.Completed, null)
                : (SessionOutcome.Failed, $"delivered {delivered} of {wanted} pairs before {when ?? "it ended"}{LossNote()}");
        }
        double served = ((EndedAt ?? AdmittedAt) - AdmittedAt) / 1e12;
        if (Request.RateHz is { } rate && served > 0 && delivered / served < rate)
        {
            return (SessionOutcome.Failed, $"delivered {delivered / served:G4} pairs/s, below the requested {rate:G4}{LossNote()}");
        }
        if (delivered == 0)
        {
            return (SessionOutcome.Failed, $"no pair reached the fidelity target {Request.MinFidelity:G4}{LossNote()}");
        }
        return (SessionOutcome.Completed, null);
    }

    /// <summary>What it got so far, at <paramref name="now"/>.</summary>
    public SessionReport Report(long now)
    {
        SessionSpec spec = Request;
        (SessionOutcome outcome, string? reason) = (Status, Reason);
        SessionRuntime? runtime = Runtime;
        if (outcome == SessionOutcome.Running && runtime is { Delivered.Count: 0 } && runtime.Failures()[LossReason.BelowFidelity] > 0)
        {
            (outcome, reason) = (SessionOutcome.Failed, $"no pair reached the fidelity target {spec.MinFidelity:G4} so far{LossNote()}");
        }
        SessionApplication app = spec.Application;
        if (runtime is null)
        {
            return new SessionReport(spec.Id, spec.Source, spec.Destination, app, outcome, reason, [], 0, 0, 0, 0,
                double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, new SortedDictionary<LossReason, long>(), double.NaN,
                Decision?.ExpectedFidelity ?? double.NaN, 0);
        }
        long end = EndedAt ?? now;
        double served = (end - AdmittedAt) / 1e12;
        FidelityHistogram h = runtime.Delivered;
        return new SessionReport(spec.Id, spec.Source, spec.Destination, app, outcome, reason,
            runtime.LastPath, Decision?.Memory?.EndSlots ?? 0, Decision?.Memory?.RepeaterSlotsPerSide ?? 0, h.Count, served > 0 ? h.Count / served : double.NaN,
            h.Mean, h.Quantile(0.1), h.Quantile(0.5), h.Quantile(0.9),
            runtime.FirstPairAt is { } first ? (first - AdmittedAt) / 1e12 : double.NaN,
            runtime.Failures(), runtime.ApplicationFidelity, Decision?.ExpectedFidelity ?? double.NaN, Reroutes, runtime.Qkd?.Figures(served))
        {
            Tasks = spec.Application == SessionApplication.Compute ? runtime.ApplicationUses : 0,
            TasksPerSecond = spec.Application == SessionApplication.Compute && served > 0 ? runtime.ApplicationUses / served : double.NaN,
            WaitingTimes = WaitingTimeFigures.Of(runtime.Waiting),
        };
    }

    // " (lost: 3 cutoff, 1 swap-failed)", in wire-name order; empty without losses.
    private string LossNote()
    {
        var lost = Runtime!.Failures().Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {SessionNames.Of(kv.Key)}").ToArray();
        return lost.Length == 0 ? "" : $" (lost: {string.Join(", ", lost)})";
    }
}
