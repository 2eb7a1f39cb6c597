using System.Collections.Concurrent;
using QNet.Kms.Domain;
using QNet.Kms.Storage;

namespace QNet.Kms;

/// <summary>
/// Keeps SAE registrations read from the store for a short time, so a key request does not pay two extra store reads.
/// Unknown SAEs are never cached (a fresh `qnet pki issue-sae` works at once); a known SAE moved to another KME by
/// another process takes effect within <c>ttl</c>. Pair policies are not cached: <c>qnet kms policy</c> runs in
/// another process, and its change must hold for the very next request (one indexed read per request).
/// </summary>
internal sealed class RegistryCache(IKmsStore store, TimeProvider time, TimeSpan ttl)
{
    private readonly ConcurrentDictionary<string, (SaeRegistration Registration, long Until)> _saes = new(StringComparer.Ordinal);
    private readonly long _ttlTicks = (long)(ttl.TotalSeconds * time.TimestampFrequency);

    public async Task<SaeRegistration?> FindSaeAsync(string saeId, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_saes.TryGetValue(saeId, out var cached) && cached.Until > now)
        {
            return cached.Registration;
        }

        var registration = await store.FindSaeAsync(saeId, cancellationToken).ConfigureAwait(false);
        if (registration is not null)
        {
            _saes[saeId] = (registration, now + _ttlTicks);
        }

        return registration;
    }

    public void Forget(string saeId) => _saes.TryRemove(saeId, out _);
}
