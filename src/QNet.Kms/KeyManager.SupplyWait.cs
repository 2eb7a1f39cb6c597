using System.Collections.Concurrent;

namespace QNet.Kms;

/// <summary>
/// M8 counts request-to-usable-key: an enc_keys request refused for want of key material (503) starts a wait for
/// its (master SAE, slave SAE) pair, and the pair's next served enc_keys request records the whole time since that
/// first refusal, not only its own service time. So a link whose key production stalls (QBER abort, F7 verification
/// failures) shows in the key delivery SLO as the waits its SAEs see. A wait older than <see cref="MaxSupplyWait"/>
/// is dropped (the SAE gave up; its next request is a new one). The map holds at most one entry per registered pair.
/// </summary>
public sealed partial class KeyManager
{
    /// <summary>Longest wait for key supply still counted into a delivery time.</summary>
    public static readonly TimeSpan MaxSupplyWait = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(string Master, string Slave), DateTimeOffset> _supplyWaits = new();

    private void StartSupplyWait(string masterSaeId, string slaveSaeId)
    {
        var now = _time.GetUtcNow();
        _supplyWaits.AddOrUpdate((masterSaeId, slaveSaeId), now, (_, since) => now - since > MaxSupplyWait ? now : since);
    }

    /// <summary>Seconds the pair has waited for key supply before this request (0 when it did not wait); ends the wait.</summary>
    private double SupplyWaitSeconds(string masterSaeId, string slaveSaeId)
    {
        if (!_supplyWaits.TryRemove((masterSaeId, slaveSaeId), out var since))
        {
            return 0;
        }

        var waited = _time.GetUtcNow() - since;
        return waited > MaxSupplyWait || waited < TimeSpan.Zero ? 0 : waited.TotalSeconds;
    }
}
