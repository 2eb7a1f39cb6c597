using QNet.ControlPlane.Telemetry;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// The control plane's view of one network session: a projection of the scheduler's <see cref="Session"/> (its last
/// <see cref="SessionReport"/>, given on each change) plus what only the control plane knows (origin, trace, wall-clock
/// creation, live delivery counters, the last store write). A session known only from the store carries the status and
/// reason it was stored with. Written on the simulation thread, read by API threads (each field is read whole; a
/// reader may see a pair count one delivery older than the fidelity sum, never a torn value).
/// </summary>
internal sealed class SessionState(TwinSession info)
{
    private long _pairs;
    private long _lostAtFailover;
    private double _fidelitySum;        // published for API threads: _fidelities' value
    private ExactSum _fidelities;       // simulation thread only

    public TwinSession Info { get; } = info;

    /// <summary>The <c>session_class</c> metric label and the API's <c>application</c>: the application's wire name.</summary>
    public string SessionClass { get; } = ScenarioNames.Of(info.Spec.Application);

    /// <summary>The last report the scheduler gave (on a change), or null for a session known only from the store or not yet decided.</summary>
    public volatile SessionReport? Report;

    /// <summary>Status as stored, for a session known only from the store (the report's status otherwise).</summary>
    public SessionOutcome StoredOutcome { get; init; } = SessionOutcome.Pending;

    /// <summary>Reason as stored, for a session known only from the store.</summary>
    public string? StoredReason { get; init; }

    /// <summary>Pending, running, refused, completed, failed or cancelled: the network's status of the session.</summary>
    public SessionOutcome Outcome => Report is { } r ? r.Outcome : StoredOutcome;

    /// <summary>Why it was refused, failed or cancelled.</summary>
    public string? Reason => Report is { } r ? r.Reason : StoredReason;

    /// <summary>
    /// True while a fault has left it without a path and it waits for re-admission (its report says failed meanwhile): set on
    /// its <see cref="SessionChange.Suspended"/> change, cleared by the next change (re-admitted, given up, cancelled).
    /// </summary>
    public volatile bool Suspended;

    /// <summary>
    /// Its application's figures (mean fidelity, uses) read after the latest twin step while it is active, as its report is
    /// only replaced on a status change; null before the first read.
    /// </summary>
    public volatile SessionApplicationFigures? Live;

    /// <summary>The simulated time at which it was admitted, in seconds (NaN if never).</summary>
    public double AdmittedAtSeconds = double.NaN;

    public long Pairs => Interlocked.Read(ref _pairs);

    public double MeanFidelity => Pairs == 0 ? double.NaN : Volatile.Read(ref _fidelitySum) / Pairs;

    /// <summary>One pair delivered (simulation thread). The fidelity sum is exact, so pairs added one by one or in tallies give the same mean.</summary>
    public void Delivered(double fidelity)
    {
        _fidelities.Add(fidelity);
        Volatile.Write(ref _fidelitySum, _fidelities.Value);
        Interlocked.Increment(ref _pairs);
    }

    /// <summary>Pairs delivered and counted elsewhere (its session partition's, merged at a sync point; simulation thread).</summary>
    public void Delivered(in DeliveryTally delivered)
    {
        _fidelities.Add(delivered.FidelitySum);
        Volatile.Write(ref _fidelitySum, _fidelities.Value);
        Interlocked.Add(ref _pairs, delivered.Pairs);
    }

    /// <summary>Pairs this session's memories held when a control-plane leader died, over every failover so far.</summary>
    public long PairsLostAtFailover => Interlocked.Read(ref _lostAtFailover);

    /// <summary>Adds pairs lost at a failover (or restores the stored total).</summary>
    public void LostAtFailover(long pairs) => Interlocked.Add(ref _lostAtFailover, pairs);

    /// <summary>Restores counters from the store.</summary>
    public void Restore(long pairs, double meanFidelity)
    {
        _pairs = pairs;
        _fidelities = ExactSum.Of(pairs == 0 || double.IsNaN(meanFidelity) ? 0 : meanFidelity * pairs);
        _fidelitySum = _fidelities.Value;
    }

    /// <summary>The last write of this session's state to the store: completes true once committed (null before the first).</summary>
    public volatile Task<bool>? Stored;

    public bool Active => Outcome is SessionOutcome.Pending or SessionOutcome.Running or SessionOutcome.Degraded;
}
