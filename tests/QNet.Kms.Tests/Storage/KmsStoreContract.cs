using System.Diagnostics.Metrics;
using QNet.Kms.Audit;
using QNet.Kms.Domain;
using QNet.Kms.Metrics;
using QNet.Kms.Storage;
using QNet.Kms.Supply;

namespace QNet.Kms.Tests.Storage;

/// <summary>
/// The store test suite. It runs once per store (SQLite, PostgreSQL) through the <see cref="KeyManager"/>, so the
/// same ETSI semantics are proven on both: exactly-once delivery, no loss, mismatch quarantine, policies, expiry, audit.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync, which disposes the key manager.")]
public abstract partial class KmsStoreContract : IAsyncLifetime
{
    private const int KeyBytes = 32;
    private readonly ManualTimeProvider _time = new(TestData.Epoch);
    private IKmsStore _store = null!;
    private KeyManager _kms = null!;

    protected abstract Task<IKmsStore> OpenStoreAsync();

    /// <summary>Opens the store the last <see cref="OpenStoreAsync"/> created again (a restart on the same data).</summary>
    protected abstract Task<IKmsStore> ReopenStoreAsync();

    /// <summary>Where the store lives (SQLite path or PostgreSQL connection string), to open it again with other keys or read-only.</summary>
    protected abstract string Location { get; }

    /// <summary>Runs raw SQL against the store's database, outside the store (to build legacy schemas).</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    /// <summary>The database's binary column type.</summary>
    protected abstract string BlobType { get; }

    public async Task InitializeAsync()
    {
        _store = await OpenStoreAsync();
        _kms = new KeyManager(_store, new KmsOptions(keyTimeToLive: TimeSpan.FromMinutes(5)), _time);
        await _kms.RegisterSaeAsync(new SaeRegistration("sae-alice", "alice"));
        await _kms.RegisterSaeAsync(new SaeRegistration("sae-bob", "bob"));
        await _kms.RegisterSaeAsync(new SaeRegistration("sae-carol", "bob"));
    }

    public async Task DisposeAsync()
    {
        _kms.Dispose();
        await _store.DisposeAsync();
    }

    private async Task DepositBothAsync(KeyBlock block)
    {
        Assert.Equal(DepositOutcome.AwaitingPeer, await _kms.DepositAsync(block.SourceKmeId, block));
        Assert.Equal(DepositOutcome.Verified, await _kms.DepositAsync(block.TargetKmeId, block));
    }

    private async Task<DeliveredKey> IssueOneAsync(string slave = "sae-bob")
    {
        var result = await _kms.GetEncKeysAsync("sae-alice", slave, EncKeysRequest.Default);
        Assert.True(result.IsOk, result.Error?.Message);
        return Assert.Single(result.Value);
    }

    [Fact]
    public async Task DepositAsync_BothCopiesEqual_PoolCountsWholeKeys()
    {
        await DepositBothAsync(TestData.Block(1, bytes: 1000));
        var status = await _kms.GetStatusAsync("sae-alice", "sae-bob");
        // 1000 bytes hold 31 whole 256-bit (32-byte) keys.
        Assert.Equal(31, status.Value.StoredKeyCount);
        Assert.Equal(DepositOutcome.Duplicate, await _kms.DepositAsync("bob", TestData.Block(1, bytes: 1000)));
    }

    [Fact]
    public async Task DepositAsync_CopiesDiffer_QuarantinedCountedAuditedNeverDelivered()
    {
        var a = $"k{Guid.NewGuid():N}"[..12];
        var b = $"k{Guid.NewGuid():N}"[..12];
        var pool = Identifier.PoolName(a, b);
        long mismatches = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == KmsMetrics.MeterName && instrument.Name == "qnet_kms_key_mismatches")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "pool" && (string?)tag.Value == pool)
                {
                    Interlocked.Add(ref mismatches, value);
                }
            }
        });
        listener.Start();
        await _kms.RegisterSaeAsync(new SaeRegistration("sae-x", a));
        await _kms.RegisterSaeAsync(new SaeRegistration("sae-y", b));
        var block = TestData.Block(2, a: a, b: b);

        Assert.Equal(DepositOutcome.AwaitingPeer, await _kms.DepositAsync(a, block));
        Assert.Equal(DepositOutcome.Quarantined, await _kms.DepositAsync(b, TestData.Flipped(block)));

        Assert.Equal(1, Interlocked.Read(ref mismatches));
        var refused = await _kms.GetEncKeysAsync("sae-x", "sae-y", EncKeysRequest.Default);
        Assert.Equal(KmsErrorKind.Unavailable, refused.Error?.Kind);
        Assert.Equal(0, (await _kms.GetStatusAsync("sae-x", "sae-y")).Value.StoredKeyCount);
        Assert.Contains(await _store.ReadAuditAsync(), e => e.Action == AuditActions.BlockQuarantine && e.Subject == block.BlockId.ToString("D"));
        Assert.Equal(1, (await _store.AccountAsync()).QuarantinedBlocks);
    }

    [Fact]
    public async Task DepositAsync_PoolAtCapacity_PoolFull()
    {
        using var small = new KeyManager(_store, new KmsOptions(new KmsLimits(maxKeyCount: 40)), _time);
        await DepositBothAsync(TestData.Block(3, bytes: 1024));
        // 1024 bytes stored + 1024 more exceed 40 keys × 32 bytes = 1280 bytes.
        Assert.Equal(DepositOutcome.PoolFull, await small.DepositAsync("alice", TestData.Block(4, bytes: 1024)));
    }

    [Fact]
    public async Task GetDecKeysAsync_AfterEncKeys_SlaveGetsMasterMaterialExactlyOnce()
    {
        var block = TestData.Block(5);
        await DepositBothAsync(block);
        var issued = await IssueOneAsync();
        Assert.Equal(block.Material[..KeyBytes], issued.Material);
        Assert.Equal(KeyOrigin.Qkd, issued.Origin);

        var first = await _kms.GetDecKeysAsync("sae-bob", "sae-alice", [issued.KeyId.ToString()]);
        Assert.Equal(issued.Material, Assert.Single(first.Value).Material);
        var replay = await _kms.GetDecKeysAsync("sae-bob", "sae-alice", [issued.KeyId.ToString()]);
        Assert.Equal(KmsErrorKind.BadRequest, replay.Error?.Kind);
        Assert.Equal("one or more keys specified are not found on KME", replay.Error?.Message);

        var next = await IssueOneAsync();
        Assert.Equal(block.Material[KeyBytes..(2 * KeyBytes)], next.Material);
    }

    [Fact]
    public async Task InitializeAsync_StoreWithMaterialInBlockRow_MigratesAndServesSameKeys()
    {
        var block = TestData.Block(11);
        await DepositBothAsync(block);
        var first = await IssueOneAsync();
        // Rebuild the schema stores had before block material got its own table: material in the kms_block row.
        _kms.Dispose();
        await _store.DisposeAsync();
        await ExecuteRawAsync($"ALTER TABLE kms_block ADD COLUMN material {BlobType}");
        await ExecuteRawAsync("UPDATE kms_block SET material = (SELECT m.material FROM kms_block_material m WHERE m.block_id = kms_block.block_id AND m.holder_kme = kms_block.holder_kme)");
        await ExecuteRawAsync("DROP TABLE kms_block_material");

        _store = await ReopenStoreAsync();
        _kms = new KeyManager(_store, new KmsOptions(keyTimeToLive: TimeSpan.FromMinutes(5)), _time);
        var next = await IssueOneAsync();
        Assert.Equal(block.Material[KeyBytes..(2 * KeyBytes)], next.Material);
        var fetched = await _kms.GetDecKeysAsync("sae-bob", "sae-alice", [first.KeyId.ToString(), next.KeyId.ToString()]);
        Assert.True(fetched.IsOk, fetched.Error?.Message);
        Assert.Equal([first.Material, next.Material], fetched.Value.Select(k => k.Material));
        Assert.True(AuditVerifier.Verify(await _store.ReadAuditAsync(), TestData.MasterKey).IsIntact);

        // A second start finds nothing left to migrate.
        _kms.Dispose();
        await _store.DisposeAsync();
        _store = await ReopenStoreAsync();
        _kms = new KeyManager(_store, new KmsOptions(keyTimeToLive: TimeSpan.FromMinutes(5)), _time);
        Assert.Equal(block.Material[(2 * KeyBytes)..(3 * KeyBytes)], (await IssueOneAsync()).Material);
    }

    [Theory]
    [InlineData(1)] // one key: the store may run it without a savepoint, so the failure rolls back the whole batch
    [InlineData(3)] // several keys: a savepoint undoes the cuts already made
    public async Task IssueAsync_WriteFailsAfterCuttingTheBlock_NothingCutNothingIssuedChainIntact(int count)
    {
        var block = TestData.Block(12);
        await DepositBothAsync(block);
        var before = await _store.AccountAsync();
        var plan = new IssuePlan("sae-alice", "alice", "bob", ["sae-bob"], count, KeyBytes, AllowWithoutQkd: false);
        var calls = 0;
        KeyDeriver failing = (qkd, _, _) => ++calls == count ? throw new IOException("disk gone") : (qkd!, KeyOrigin.Qkd);

        await Assert.ThrowsAsync<IOException>(() => _store.IssueAsync(plan, failing, TestData.Epoch));

        var after = await _store.AccountAsync();
        Assert.Equal(before.ConsumedBytes, after.ConsumedBytes);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(0, after.InconsistentBlocks);
        Assert.Equal(block.Material[..KeyBytes], (await IssueOneAsync()).Material);
        Assert.True(AuditVerifier.Verify(await _store.ReadAuditAsync(), TestData.MasterKey).IsIntact);
    }

    [Fact]
    public async Task GetDecKeysAsync_CallerNotSlave_UnauthorizedAndKeyStaysForSlave()
    {
        await DepositBothAsync(TestData.Block(6));
        var issued = await IssueOneAsync();
        var stolen = await _kms.GetDecKeysAsync("sae-carol", "sae-alice", [issued.KeyId.ToString()]);
        Assert.Equal(KmsErrorKind.Unauthorized, stolen.Error?.Kind);
        Assert.True((await _kms.GetDecKeysAsync("sae-bob", "sae-alice", [issued.KeyId.ToString()])).IsOk);
    }

    [Fact]
    public async Task GetDecKeysAsync_Multicast_EachSlaveOnceThenCompleted()
    {
        await DepositBothAsync(TestData.Block(7));
        var result = await _kms.GetEncKeysAsync("sae-alice", "sae-bob", new EncKeysRequest(2, 128, ["sae-carol"], []));
        var ids = result.Value.Select(k => k.KeyId.ToString()).ToList();
        Assert.Equal(2, ids.Count);
        foreach (var slave in new[] { "sae-bob", "sae-carol" })
        {
            var got = await _kms.GetDecKeysAsync(slave, "sae-alice", ids);
            Assert.Equal(result.Value.Select(k => k.Material), got.Value.Select(k => k.Material));
            Assert.False((await _kms.GetDecKeysAsync(slave, "sae-alice", ids)).IsOk);
        }
        var accounting = await _store.AccountAsync();
        Assert.Equal(2, accounting.KeysCompleted);
        Assert.Equal(4, accounting.SlaveDeliveries);
    }

    [Fact]
    public async Task GetEncKeysAsync_PoolTooSmall_UnavailableAndNothingConsumed()
    {
        await DepositBothAsync(TestData.Block(8, bytes: 64));
        var result = await _kms.GetEncKeysAsync("sae-alice", "sae-bob", new EncKeysRequest(3, 256, [], []));
        Assert.Equal(KmsErrorKind.Unavailable, result.Error?.Kind);
        var accounting = await _store.AccountAsync();
        Assert.Equal(0, accounting.Keys);
        Assert.Equal(0, accounting.ConsumedBytes);
        Assert.Equal(2, (await _kms.GetStatusAsync("sae-alice", "sae-bob")).Value.StoredKeyCount);
    }

    [Fact]
    public async Task ExpireAsync_KeyOlderThanTtl_ExpiredAuditedNotRedeemable()
    {
        await DepositBothAsync(TestData.Block(9));
        var issued = await IssueOneAsync();
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await _kms.ExpireAsync());
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await _kms.ExpireAsync());
        Assert.False((await _kms.GetDecKeysAsync("sae-bob", "sae-alice", [issued.KeyId.ToString()])).IsOk);
        Assert.Contains(await _store.ReadAuditAsync(), e => e.Action == AuditActions.KeyExpire && e.Subject == issued.KeyId.ToString());
    }

    [Fact]
    public async Task GetEncKeysAsync_HybridPolicy_DerivedKeySharedWithSlave()
    {
        var block = TestData.Block(10);
        await DepositBothAsync(block);
        await _kms.SetPolicyAsync("sae-bob", "sae-alice", KeyPolicy.Hybrid);
        var issued = await IssueOneAsync();
        Assert.Equal(KeyOrigin.Hybrid, issued.Origin);
        Assert.Equal(KeyBytes, issued.Material.Length);
        Assert.NotEqual(block.Material[..KeyBytes], issued.Material);
        var fetched = Assert.Single((await _kms.GetDecKeysAsync("sae-bob", "sae-alice", [issued.KeyId.ToString()])).Value);
        Assert.Equal(issued.Material, fetched.Material);
        Assert.Equal(KeyOrigin.Hybrid, fetched.Origin);
        Assert.Equal(KeyPolicy.Hybrid, (await _kms.GetStatusAsync("sae-alice", "sae-bob")).Value.Policy);
    }

    [Fact]
    public async Task GetEncKeysAsync_PqcFallbackEmptyPool_PqcKeyThenQkdWhenPoolRefills()
    {
        await _kms.SetPolicyAsync("sae-alice", "sae-bob", KeyPolicy.PqcFallback);
        var fallback = await IssueOneAsync();
        Assert.Equal(KeyOrigin.Pqc, fallback.Origin);
        Assert.Equal(fallback.Material, Assert.Single((await _kms.GetDecKeysAsync("sae-bob", "sae-alice", [fallback.KeyId.ToString()])).Value).Material);
        await DepositBothAsync(TestData.Block(11));
        Assert.Equal(KeyOrigin.Qkd, (await IssueOneAsync()).Origin);
    }

    [Fact]
    public async Task Operations_ManyOfEachKind_AuditChainVerifiesAndRecordsRefusals()
    {
        await DepositBothAsync(TestData.Block(12));
        var issued = await IssueOneAsync();
        await _kms.GetDecKeysAsync("sae-carol", "sae-alice", [issued.KeyId.ToString()]);
        await _kms.GetDecKeysAsync("sae-bob", "sae-alice", [issued.KeyId.ToString()]);
        var audit = await _store.ReadAuditAsync();
        Assert.True(AuditVerifier.Verify(audit, TestData.MasterKey).IsIntact);
        Assert.Contains(audit, e => e.Action == AuditActions.Refuse && e.Actor == "sae:sae-carol" && e.Outcome == "unauthorized");
        Assert.Contains(audit, e => e.Action == AuditActions.KeyDeliver && e.Actor == "sae:sae-bob" && e.Subject == issued.KeyId.ToString());
    }
}
