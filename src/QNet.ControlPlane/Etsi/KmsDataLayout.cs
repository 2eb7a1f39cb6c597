namespace QNet.ControlPlane.Etsi;

/// <summary>Where the KMS keeps its files under a data directory (default <c>./qnet-data</c>).</summary>
public sealed record KmsDataLayout(string DataDirectory)
{
    /// <summary>The default data directory of every <c>qnet</c> verb.</summary>
    public const string DefaultDataDirectory = "qnet-data";

    /// <summary>Environment variable naming the store (a PostgreSQL connection string or a SQLite path) instead of the default file.</summary>
    public const string StoreEnvironmentVariable = "QNET_KMS_STORE";

    /// <summary>The development PKI folder.</summary>
    public string PkiDirectory => Path.Combine(DataDirectory, "pki");

    /// <summary>The default SQLite store file.</summary>
    public string SqlitePath => Path.Combine(DataDirectory, "kms.db");

    /// <summary>The store location: <paramref name="explicitStore"/>, else <see cref="StoreEnvironmentVariable"/>, else the SQLite file.</summary>
    public string StoreLocation(string? explicitStore) =>
        !string.IsNullOrEmpty(explicitStore) ? explicitStore
        : Environment.GetEnvironmentVariable(StoreEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : SqlitePath;
}
