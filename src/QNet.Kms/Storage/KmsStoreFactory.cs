using QNet.Kms.Crypto;

namespace QNet.Kms.Storage;

/// <summary>Opens the store named by a location: a PostgreSQL connection string (<c>Host=…</c>) or a SQLite file path.</summary>
public static class KmsStoreFactory
{
    /// <summary>True when <paramref name="location"/> is a PostgreSQL connection string rather than a file path.</summary>
    public static bool IsPostgres(string location) =>
        location.Contains("Host=", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Opens and initializes the store (creating its schema if absent). A new store records
    /// <paramref name="masterKey"/>'s check value; an existing one refuses any other key with a
    /// <see cref="MasterKeyException"/>, having written nothing.
    /// </summary>
    public static async Task<IKmsStore> OpenAsync(string location, MasterKey masterKey, CancellationToken cancellationToken = default)
    {
        IKmsStore store = IsPostgres(location) ? new PostgresKmsStore(location, masterKey) : new SqliteKmsStore(location, masterKey);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Resolves the master key for the store at <paramref name="location"/> (see <see cref="MasterKey.Resolve"/>): a
    /// key file is created only when the store is new and empty. When the store already holds data and no key is
    /// where it was looked for, a <see cref="MasterKeyException"/> says so and where it looked; a fresh key would
    /// make everything the store holds unreadable and its audit trail unverifiable.
    /// </summary>
    public static async Task<MasterKey> ResolveMasterKeyAsync(string location, string dataDirectory, string? keyFile,
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        await using var reader = await KmsStoreReader.OpenAsync(location, cancellationToken).ConfigureAwait(false);
        var holdsData = reader is not null && (await reader.ReadFactsAsync(cancellationToken).ConfigureAwait(false)).HoldsData;
        try
        {
            return MasterKey.Resolve(keyFile, dataDirectory, createIfMissing: !holdsData, environment);
        }
        catch (MasterKeyException missing)
        {
            throw new MasterKeyException($"{missing.Message}, and the key store {reader!.Description} already holds data, so no new key is created " +
                "(it would leave the stored keys unreadable and the audit trail unverifiable). " +
                $"Set {MasterKey.EnvironmentVariable} or {MasterKey.FileEnvironmentVariable} (or --master-key, on the kms, pki and audit verbs) to the key " +
                "the store was created with; it may live under another user's HOME or XDG_CONFIG_HOME. Nothing was written.", missing);
        }
    }
}
