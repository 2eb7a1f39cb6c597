using QNet.Kms.Domain;
using QNet.Kms.Storage;
using QNet.Testing;

namespace QNet.Kms.Tests.Storage;

/// <summary>
/// Replicas started together on a fresh PostgreSQL database each open the key store at once: the schema creation
/// (and the master-key check value it records) runs in the store's write transaction behind its advisory lock, so
/// the opens are serialized and every one succeeds on the same schema.
/// </summary>
public sealed class PostgresSchemaCreationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int Opens = 8;

    [Fact]
    public async Task OpenAsync_ManyAtOnceOnAFreshDatabase_AllSucceedOnOneSchema()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var start = new ManualResetEventSlim(false);
        var opening = Enumerable.Range(0, Opens).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await KmsStoreFactory.OpenAsync(database, TestData.MasterKey);
        })).ToArray();
        start.Set();
        var stores = await Task.WhenAll(opening);
        try
        {
            // One schema and one check value: a write through one store is read through every other.
            await stores[0].RegisterSaeAsync(new SaeRegistration("sae-alice", "alice"), TestData.Epoch);
            foreach (var store in stores)
            {
                Assert.Equal("alice", (await store.FindSaeAsync("sae-alice"))?.KmeId);
            }
            await using var connection = new Npgsql.NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var checks = new Npgsql.NpgsqlCommand($"SELECT COUNT(*) FROM kms_meta WHERE name = '{KmsSchema.MasterKeyCheckName}'", connection);
            Assert.Equal(1L, (long)(await checks.ExecuteScalarAsync())!);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }
}
