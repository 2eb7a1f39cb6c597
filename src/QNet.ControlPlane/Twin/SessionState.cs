using QNet.Network.Sessions;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// A session's live state: written on the simulation thread, read by API threads (each field is read whole; a
/// reader may see a pair count one delivery older than the fidelity sum, never a torn value).
/// </summary>
internal sealed class SessionState(TwinSession info)
{
    private long _pairs;
    private double _fidelitySum;

    public TwinSession Info { get; } = info;

    public string SessionClass { get; } = info.Spec.Application.ToString().ToLowerInvariant();

    /// <summary>The last report the scheduler gave (on a change), or null for a session known only from the store.</summary>
    public volatile SessionReport? Report;

    /// <summary>pending, running, refused, completed, failed or cancelled.</summary>
    public volatile string Outcome = "pending";

    public volatile string? Reason;

    /// <summary>The simulated time at which it was admitted, in seconds (NaN if never).</summary>
    public double AdmittedAtSeconds = double.NaN;

    public long Pairs => Interlocked.Read(ref _pairs);

    public double MeanFidelity => Pairs == 0 ? double.NaN : Volatile.Read(ref _fidelitySum) / Pairs;

    public void Delivered(double fidelity)
    {
        Volatile.Write(ref _fidelitySum, _fidelitySum + fidelity);
        Interlocked.Increment(ref _pairs);
    }

    /// <summary>Restores counters from the store.</summary>
    public void Restore(long pairs, double meanFidelity)
    {
        _pairs = pairs;
        _fidelitySum = pairs == 0 || double.IsNaN(meanFidelity) ? 0 : meanFidelity * pairs;
    }

    /// <summary>The last write of this session's state to the store: completes true once committed (null before the first).</summary>
    public volatile Task<bool>? Stored;

    public bool Active => Outcome is "pending" or "running";
}
