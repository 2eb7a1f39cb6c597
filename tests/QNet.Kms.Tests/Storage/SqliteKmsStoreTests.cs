using QNet.Kms.Storage;

namespace QNet.Kms.Tests.Storage;

/// <summary>The store suite on SQLite (a fresh file per test).</summary>
public sealed class SqliteKmsStoreTests : KmsStoreContract, IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"qnet-kms-{Guid.NewGuid():N}");

    protected override Task<IKmsStore> OpenStoreAsync() => KmsStoreFactory.OpenAsync(Path.Combine(directory, "kms.db"), TestData.MasterKey);

    public void Dispose()
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
