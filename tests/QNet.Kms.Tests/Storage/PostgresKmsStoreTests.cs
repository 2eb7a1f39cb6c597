using QNet.Kms.Storage;
using QNet.Testing;

namespace QNet.Kms.Tests.Storage;

/// <summary>The store suite on a real PostgreSQL server (a fresh database per test).</summary>
public sealed class PostgresKmsStoreTests(PostgresFixture postgres) : KmsStoreContract, IClassFixture<PostgresFixture>
{
    private string? _database;

    protected override async Task<IKmsStore> OpenStoreAsync()
    {
        _database = await postgres.CreateDatabaseAsync();
        return await KmsStoreFactory.OpenAsync(_database, TestData.MasterKey);
    }

    protected override Task<IKmsStore> ReopenStoreAsync() => KmsStoreFactory.OpenAsync(_database!, TestData.MasterKey);

    protected override string BlobType => "BYTEA";

    protected override string Location => _database!;

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
