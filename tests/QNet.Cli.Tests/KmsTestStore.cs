using QNet.Kms.Storage;

namespace QNet.Cli.Tests;

/// <summary>
/// A key store as <c>qnet up</c> or <c>qnet kms serve</c> leaves it: the verbs under test (<c>pki issue-sae</c>,
/// <c>kms policy</c>, <c>audit verify</c>) refuse to create one.
/// </summary>
internal static class KmsTestStore
{
    /// <summary>Creates the SQLite store <c>kms.db</c> in <paramref name="data"/> under the master key file <paramref name="masterKey"/>.</summary>
    public static async Task CreateAsync(string data, string masterKey)
    {
        var path = Path.Combine(data, "kms.db");
        await using (await KmsStoreFactory.OpenAsync(path, await KmsStoreFactory.ResolveMasterKeyAsync(path, data, masterKey)))
        {
        }
    }
}
