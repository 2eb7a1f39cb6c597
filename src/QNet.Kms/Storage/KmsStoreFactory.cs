using QNet.Kms.Crypto;

namespace QNet.Kms.Storage;

/// <summary>Opens the store named by a location: a PostgreSQL connection string (<c>Host=…</c>) or a SQLite file path.</summary>
public static class KmsStoreFactory
{
    /// <summary>True when <paramref name="location"/> is a PostgreSQL connection string rather than a file path.</summary>
    public static bool IsPostgres(string location) =>
        location.Contains("Host=", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens and initializes the store (creating its schema if absent).</summary>
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
}
