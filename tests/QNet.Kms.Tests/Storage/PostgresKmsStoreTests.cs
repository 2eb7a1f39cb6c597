using QNet.Kms.Storage;
using QNet.Testing;

namespace QNet.Kms.Tests.Storage;

/// <summary>The store suite on a real PostgreSQL server (a fresh database per test).</summary>
public sealed class PostgresKmsStoreTests(PostgresFixture postgres) : KmsStoreContract, IClassFixture<PostgresFixture>
{
    protected override async Task<IKmsStore> OpenStoreAsync() => await KmsStoreFactory.OpenAsync(await postgres.CreateDatabaseAsync(), TestData.MasterKey);
}
