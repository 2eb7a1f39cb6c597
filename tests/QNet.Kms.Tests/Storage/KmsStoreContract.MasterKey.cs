using QNet.Kms.Audit;
using QNet.Kms.Crypto;
using QNet.Kms.Domain;
using QNet.Kms.Storage;

namespace QNet.Kms.Tests.Storage;

/// <summary>The master key and the audit trail on each store: the key's check value, read-only verification, policies read per request.</summary>
public abstract partial class KmsStoreContract
{
    private static MasterKey OtherKey { get; } = MasterKey.FromBytes(Enumerable.Repeat((byte)9, 32).ToArray());

    [Fact]
    public async Task InitializeAsync_ExistingStoreOtherMasterKey_RefusedNamingBothKeysNothingWritten()
    {
        var head = await _store.AuditHeadSequenceAsync();
        var error = await Assert.ThrowsAsync<MasterKeyException>(() => KmsStoreFactory.OpenAsync(Location, OtherKey));
        Assert.Contains("is not the key of the store", error.Message);
        Assert.Contains(OtherKey.Id, error.Message);
        Assert.Contains(TestData.MasterKey.Id, error.Message);
        Assert.Equal(head, await _store.AuditHeadSequenceAsync());
        await using var reader = await KmsStoreReader.OpenAsync(Location);
        Assert.Equal(TestData.MasterKey.CheckValue, (await reader!.ReadFactsAsync()).MasterKeyCheck);
    }

    [Fact]
    public async Task InitializeAsync_StoreFromBeforeCheckValues_RefusesAKeyItsAuditDoesNotVerifyAdoptsItsOwn()
    {
        _kms.Dispose();
        await _store.DisposeAsync();
        await ExecuteRawAsync("DROP TABLE kms_meta"); // as stores were before check values
        var error = await Assert.ThrowsAsync<MasterKeyException>(() => KmsStoreFactory.OpenAsync(Location, OtherKey));
        Assert.Contains("newest audit entry does not verify", error.Message);
        _store = await KmsStoreFactory.OpenAsync(Location, TestData.MasterKey);
        _kms = new KeyManager(_store, new KmsOptions(keyTimeToLive: TimeSpan.FromMinutes(5)), _time);
        await using var reader = await KmsStoreReader.OpenAsync(Location);
        Assert.Equal(TestData.MasterKey.CheckValue, (await reader!.ReadFactsAsync()).MasterKeyCheck);
        Assert.True(AuditVerifier.Verify(await _store.ReadAuditAsync(), TestData.MasterKey).IsIntact);
    }

    [Fact]
    public async Task ResolveMasterKeyAsync_StoreHoldsDataKeyFileMissing_RefusedNamingTheFileAndNoneCreated()
    {
        var root = Path.Combine(Path.GetTempPath(), $"qnet-nokey-{Guid.NewGuid():N}");
        var keyFile = Path.Combine(root, "config", "qnet", "kms-master.key");
        var error = await Assert.ThrowsAsync<MasterKeyException>(() =>
            KmsStoreFactory.ResolveMasterKeyAsync(Location, Path.Combine(root, "data"), keyFile, new Dictionary<string, string?>()));
        Assert.Contains(keyFile, error.Message);
        Assert.Contains(MasterKey.EnvironmentVariable, error.Message);
        Assert.Contains("already holds data", error.Message);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task VerifyAuditAsync_OtherMasterKey_SaysTheKeyIsNotTheStoresNotThatAnEntryWasEdited()
    {
        await using var reader = await KmsStoreReader.OpenAsync(Location);
        var result = await reader!.VerifyAuditAsync(OtherKey);
        Assert.Equal(AuditVerdict.WrongKey, result.Verdict);
        Assert.Contains("is not this store's key", result.Problem);
        Assert.DoesNotContain("edited", result.Problem);
    }

    [Fact]
    public async Task VerifyAuditAsync_AuditTableDropped_BrokenAndTableNotRecreated()
    {
        Assert.True((await ReadOnlyVerifyAsync()).IsIntact);
        await ExecuteRawAsync("DROP TABLE kms_audit");
        var result = await ReadOnlyVerifyAsync();
        Assert.Equal(AuditVerdict.Broken, result.Verdict);
        Assert.Contains("no audit table", result.Problem);
        await using var reader = await KmsStoreReader.OpenAsync(Location);
        Assert.DoesNotContain("kms_audit", (await reader!.ReadFactsAsync()).Tables);
    }

    [Fact]
    public async Task VerifyAuditAsync_AuditEntriesAllDeleted_BrokenNamingTheRecordsThatNeedThem()
    {
        await ExecuteRawAsync("DELETE FROM kms_audit");
        var result = await ReadOnlyVerifyAsync();
        Assert.Equal(AuditVerdict.Broken, result.Verdict);
        Assert.Contains("kms_sae", result.Problem);
        Assert.Contains("emptied", result.Problem);
    }

    [Fact]
    public async Task GetStatusAsync_PolicySetThroughAnotherStoreHandle_NextRequestUsesIt()
    {
        Assert.Equal(KeyPolicy.QkdOnly, (await _kms.GetStatusAsync("sae-alice", "sae-bob")).Value.Policy);
        // `qnet kms policy` is another process with its own store handle; the time provider does not move.
        await using (var other = await KmsStoreFactory.OpenAsync(Location, TestData.MasterKey))
        {
            await other.SetPolicyAsync("sae-bob", "sae-alice", KeyPolicy.Hybrid, TestData.Epoch);
        }

        Assert.Equal(KeyPolicy.Hybrid, (await _kms.GetStatusAsync("sae-alice", "sae-bob")).Value.Policy);
    }

    private async Task<AuditVerification> ReadOnlyVerifyAsync()
    {
        await using var reader = await KmsStoreReader.OpenAsync(Location);
        return await reader!.VerifyAuditAsync(TestData.MasterKey);
    }
}
