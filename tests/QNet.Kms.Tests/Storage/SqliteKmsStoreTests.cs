using QNet.Kms.Storage;

namespace QNet.Kms.Tests.Storage;

/// <summary>The store suite on SQLite (a fresh file per test).</summary>
public sealed class SqliteKmsStoreTests : KmsStoreContract, IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"qnet-kms-{Guid.NewGuid():N}");

    protected override Task<IKmsStore> OpenStoreAsync() => KmsStoreFactory.OpenAsync(Path.Combine(directory, "kms.db"), TestData.MasterKey);

    protected override Task<IKmsStore> ReopenStoreAsync() => OpenStoreAsync();

    protected override string BlobType => "BLOB";

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, "kms.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
