using QNet.ControlPlane.Pki;
using QNet.Kms;
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

    /// <summary>Issues SAE <paramref name="saeId"/>'s client certificate (initializing the PKI if needed) and registers it to KME <paramref name="kmeId"/>.</summary>
    public static async Task<(string CertificatePath, string KeyPath)> IssueSaeAsync(string dataDirectory, string saeId, string kmeId, string? store, string? masterKeyFile, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var registration = new SaeRegistration(saeId, kmeId);
        var pki = new DevPki(new KmsDataLayout(dataDirectory).PkiDirectory, time);
        pki.Initialize();
        var paths = pki.IssueSae(saeId);
        await using var kmsStore = await OpenStoreAsync(dataDirectory, store, masterKeyFile, cancellationToken).ConfigureAwait(false);
        await kmsStore.RegisterSaeAsync(registration, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return paths;
    }

    /// <summary>Sets the key policy of an SAE pair.</summary>
    public static async Task SetPolicyAsync(string dataDirectory, string saeA, string saeB, KeyPolicy policy, string? store, string? masterKeyFile, TimeProvider time, CancellationToken cancellationToken = default)
    {
        await using var kmsStore = await OpenStoreAsync(dataDirectory, store, masterKeyFile, cancellationToken).ConfigureAwait(false);
        await kmsStore.SetPolicyAsync(saeA, saeB, policy, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies the audit chain of the store.</summary>
    public static async Task<AuditVerification> VerifyAuditAsync(string dataDirectory, string? store, string? masterKeyFile, AuditCheckpoint? checkpoint = null,
        CancellationToken cancellationToken = default)
    {
        var masterKey = MasterKey.Resolve(masterKeyFile, dataDirectory, createIfMissing: false);
        await using var kmsStore = await OpenStoreAsync(dataDirectory, store, masterKey, cancellationToken).ConfigureAwait(false);
        return AuditVerifier.Verify(await kmsStore.ReadAuditAsync(cancellationToken).ConfigureAwait(false), masterKey, checkpoint);
    }

    private static Task<IKmsStore> OpenStoreAsync(string dataDirectory, string? store, string? masterKeyFile, CancellationToken cancellationToken) =>
        OpenStoreAsync(dataDirectory, store, MasterKey.Resolve(masterKeyFile, dataDirectory, createIfMissing: true), cancellationToken);

    private static Task<IKmsStore> OpenStoreAsync(string dataDirectory, string? store, MasterKey masterKey, CancellationToken cancellationToken) =>
        KmsStoreFactory.OpenAsync(new KmsDataLayout(dataDirectory).StoreLocation(store), masterKey, cancellationToken);
}
