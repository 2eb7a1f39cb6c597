using QNet.ControlPlane.Pki;
using QNet.Kms.Audit;
using QNet.Kms.Crypto;
using QNet.Kms.Domain;
using QNet.Kms.Storage;

namespace QNet.ControlPlane.Etsi;

/// <summary>The offline operations behind <c>qnet pki</c>, <c>qnet kms policy</c> and <c>qnet audit verify</c>.</summary>
public static class KmsAdministration
{
    /// <summary>Creates the development PKI under the data directory; returns false when it already existed.</summary>
    public static bool InitializePki(string dataDirectory, TimeProvider time) => new DevPki(new KmsDataLayout(dataDirectory).PkiDirectory, time).Initialize();

    /// <summary>
    /// Issues SAE <paramref name="saeId"/>'s client certificate (initializing the PKI if needed) and registers it to KME
    /// <paramref name="kmeId"/>. An SAE that has a certificate or a registration already is refused, with nothing
    /// changed, unless <paramref name="replace"/>: then its old certificate is revoked (see <see cref="SaeRevocationList"/>),
    /// a new one issued, and the replacement (old and new KME, revoked serial) is an audit entry before the registration.
    /// </summary>
    public static async Task<SaeIssueOutcome> IssueSaeAsync(string dataDirectory, string saeId, string kmeId, string? store, string? masterKeyFile, TimeProvider time,
        bool replace = false, CancellationToken cancellationToken = default)
    {
        var registration = new SaeRegistration(saeId, kmeId);
        // The store (and its master key check) first: a refused key must leave no PKI files behind.
        await using var kmsStore = await OpenStoreAsync(dataDirectory, store, masterKeyFile, cancellationToken).ConfigureAwait(false);
        var pki = new DevPki(new KmsDataLayout(dataDirectory).PkiDirectory, time);
        pki.Initialize();
        var previous = await kmsStore.FindSaeAsync(saeId, cancellationToken).ConfigureAwait(false);
        var hasCertificate = pki.HasSae(saeId);
        if (!replace && (previous is not null || hasCertificate))
        {
            var where = previous is null ? $"has a certificate in {pki.Directory}" : $"is registered at KME '{previous.KmeId}'";
            return SaeIssueOutcome.Refused($"SAE '{saeId}' already exists: it {where}. Pass --force to replace it: its current certificate is then revoked and it is registered at KME '{kmeId}'.");
        }
        var issued = pki.IssueSae(saeId, replace);
        if (previous is not null || issued.RevokedSerial is not null)
        {
            var detail = $"kme={previous?.KmeId ?? "-"}->{kmeId} revoked_serial={issued.RevokedSerial ?? "-"}";
            await kmsStore.AppendAuditAsync(new AuditEvent("admin", AuditActions.SaeReplace, saeId, "ok", detail), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        await kmsStore.RegisterSaeAsync(registration, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return SaeIssueOutcome.Issued(issued, previous?.KmeId);
    }

    /// <summary>Sets the key policy of an SAE pair.</summary>
    public static async Task SetPolicyAsync(string dataDirectory, string saeA, string saeB, KeyPolicy policy, string? store, string? masterKeyFile, TimeProvider time, CancellationToken cancellationToken = default)
    {
        await using var kmsStore = await OpenStoreAsync(dataDirectory, store, masterKeyFile, cancellationToken).ConfigureAwait(false);
        await kmsStore.SetPolicyAsync(saeA, saeB, policy, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when a key store exists at the data directory's (or <paramref name="store"/>'s) location; reads only.</summary>
    public static async Task<bool> StoreExistsAsync(string dataDirectory, string? store, CancellationToken cancellationToken = default)
    {
        await using var reader = await KmsStoreReader.OpenAsync(new KmsDataLayout(dataDirectory).StoreLocation(store), cancellationToken).ConfigureAwait(false);
        return reader is not null && (await reader.ReadFactsAsync(cancellationToken).ConfigureAwait(false)).HasSchema;
    }

    /// <summary>
    /// Verifies the audit chain of the store, read-only: nothing is created or migrated, a missing store is
    /// <see cref="AuditVerdict.NoStore"/> and a key that is not the store's is <see cref="AuditVerdict.WrongKey"/>.
    /// </summary>
    public static async Task<AuditVerification> VerifyAuditAsync(string dataDirectory, string? store, string? masterKeyFile, AuditCheckpoint? checkpoint = null,
        CancellationToken cancellationToken = default)
    {
        var location = new KmsDataLayout(dataDirectory).StoreLocation(store);
        await using var reader = await KmsStoreReader.OpenAsync(location, cancellationToken).ConfigureAwait(false);
        if (reader is null)
        {
            return AuditVerification.NoStore($"no key store at {Path.GetFullPath(location)}");
        }

        var masterKey = MasterKey.Resolve(masterKeyFile, dataDirectory, createIfMissing: false);
        return await reader.VerifyAuditAsync(masterKey, checkpoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the store with its master key, which is created only when the store is new (see <see cref="KmsStoreFactory.ResolveMasterKeyAsync"/>).</summary>
    private static async Task<IKmsStore> OpenStoreAsync(string dataDirectory, string? store, string? masterKeyFile, CancellationToken cancellationToken)
    {
        var location = new KmsDataLayout(dataDirectory).StoreLocation(store);
        var masterKey = await KmsStoreFactory.ResolveMasterKeyAsync(location, dataDirectory, masterKeyFile, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await KmsStoreFactory.OpenAsync(location, masterKey, cancellationToken).ConfigureAwait(false);
    }
}
