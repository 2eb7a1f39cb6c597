using QNet.Kms.Domain;
using QNet.Kms.Storage;
using QNet.Kms.Supply;

namespace QNet.Kms.Tests.Supply;

public sealed class DevKeySupplyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"qnet-sup-{Guid.NewGuid():N}");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task SupplyOnceAsync_TwoPairs_DepositsVerifiedBlockForEach()
    {
        await using var store = await KmsStoreFactory.OpenAsync(Path.Combine(_directory, "kms.db"), TestData.MasterKey);
        var time = new ManualTimeProvider(TestData.Epoch);
        using var kms = new KeyManager(store, new KmsOptions(), time);
        var supply = new DevKeySupply(() => [("alice", "bob"), ("alice", "carol")], new DevKeySupplyOptions(blockBytes: 320), time);
        Assert.Equal(2, await supply.SupplyOnceAsync(kms));
        Assert.Equal(10, await store.AvailableKeysAsync(Identifier.PoolName("alice", "bob"), "alice", 32));
        Assert.Equal(10, await store.AvailableKeysAsync(Identifier.PoolName("carol", "alice"), "carol", 32));
    }

    [Fact]
    public void Options_Default_About3Point3MegabitPerSecond() =>
        Assert.Equal(8192 * 8 / 0.020, new DevKeySupplyOptions().BitsPerSecond, precision: 6);

    [Fact]
    public void KeyBlock_SameEndpoints_Rejected() =>
        Assert.Throws<ArgumentException>(() => new KeyBlock(Guid.NewGuid(), "a", "a", [1], TestData.Epoch, 0, 1e-9));

    [Theory]
    [InlineData(-0.1, 1e-9)]
    [InlineData(1.1, 1e-9)]
    [InlineData(0.01, 0)]
    [InlineData(0.01, 1)]
    public void KeyBlock_QberOrEpsilonOutOfRange_Rejected(double qber, double epsilon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyBlock(Guid.NewGuid(), "a", "b", [1], TestData.Epoch, qber, epsilon));
}
