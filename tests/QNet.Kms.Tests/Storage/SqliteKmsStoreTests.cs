using QNet.Kms.Storage;

namespace QNet.Kms.Tests.Storage;

/// <summary>The store suite on SQLite (a fresh file per test), and what only a file store has: file modes, no file for a reader.</summary>
public sealed class SqliteKmsStoreTests : KmsStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"qnet-kms-{Guid.NewGuid():N}");

    protected override Task<IKmsStore> OpenStoreAsync() => KmsStoreFactory.OpenAsync(Location, TestData.MasterKey);

    protected override Task<IKmsStore> ReopenStoreAsync() => OpenStoreAsync();

    protected override string BlobType => "BLOB";

    protected override string Location => Path.Combine(_directory, "kms.db");

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Location};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void OpenAsync_NewStore_FolderOwnerOnlyAndDatabaseFilesOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(_directory));
        var files = Directory.GetFiles(_directory, "kms.db*");
        Assert.Contains(Location, files);
        foreach (var file in files)
        {
            Assert.Equal((file, PrivateFiles.FileMode), (file, File.GetUnixFileMode(file)));
        }
    }

    [Fact]
    public async Task ReaderOpenAsync_NoStoreFile_NullAndNothingCreated()
    {
        var absent = Path.Combine(_directory, "typo", "kms.db");
        Assert.Null(await KmsStoreReader.OpenAsync(absent));
        Assert.False(Directory.Exists(Path.GetDirectoryName(absent)));
    }

    [Fact]
    public async Task ResolveMasterKeyAsync_NewStore_CreatesTheKeyFileOnce()
    {
        var keyFile = Path.Combine(_directory + "-secrets", "master.key");
        try
        {
            var fresh = Path.Combine(_directory, "new", "kms.db");
            var key = await KmsStoreFactory.ResolveMasterKeyAsync(fresh, Path.Combine(_directory, "new"), keyFile, new Dictionary<string, string?>());
            Assert.Contains("(created)", key.Source);
            Assert.True(File.Exists(keyFile));
        }
        finally
        {
            Directory.Delete(_directory + "-secrets", recursive: true);
        }
    }
}
