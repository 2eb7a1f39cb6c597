using System.Collections.Concurrent;
using QNet.Kms.Domain;
using QNet.Kms.Storage;

namespace QNet.Kms;

/// <summary>
/// Keeps SAE registrations and pair policies read from the store for a short time, so a key request does not pay
/// three extra store reads. Unknown SAEs are never cached (a fresh `qnet pki issue-sae` works at once); changes made
/// by another process to a known SAE's KME or to a pair's policy take effect within <c>ttl</c>.
/// </summary>
internal sealed class RegistryCache(IKmsStore store, TimeProvider time, TimeSpan ttl)
{
    private readonly ConcurrentDictionary<string, (SaeRegistration Registration, long Until)> saes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), (KeyPolicy? Policy, long Until)> policies = new();
    private readonly long ttlTicks = (long)(ttl.TotalSeconds * time.TimestampFrequency);

    public async Task<SaeRegistration?> FindSaeAsync(string saeId, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (saes.TryGetValue(saeId, out var cached) && cached.Until > now) return cached.Registration;
        var registration = await store.FindSaeAsync(saeId, cancellationToken).ConfigureAwait(false);
        if (registration is not null) saes[saeId] = (registration, now + ttlTicks);
        return registration;
    }

    public async Task<KeyPolicy?> FindPolicyAsync(string saeA, string saeB, CancellationToken cancellationToken)
    {
        var key = Key(saeA, saeB);
        var now = time.GetTimestamp();
        if (policies.TryGetValue(key, out var cached) && cached.Until > now) return cached.Policy;
        var policy = await store.FindPolicyAsync(saeA, saeB, cancellationToken).ConfigureAwait(false);
        policies[key] = (policy, now + ttlTicks);
        return policy;
    }

    public void Forget(string saeId) => saes.TryRemove(saeId, out _);

    public void Forget(string saeA, string saeB) => policies.TryRemove(Key(saeA, saeB), out _);

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
