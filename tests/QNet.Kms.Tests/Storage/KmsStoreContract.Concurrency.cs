using System.Collections.Concurrent;
using QNet.Kms.Audit;
using QNet.Kms.Domain;
using QNet.Kms.Storage;

namespace QNet.Kms.Tests.Storage;

/// <summary>Concurrent writers and clients on each store: group-commit batches with failing writers, many SAEs fetching and redeeming at once.</summary>
public abstract partial class KmsStoreContract
{
    [Fact]
    public async Task IssueAsync_ConcurrentWritersSomeFailing_ExactlyTheAnsweredKeysExist()
    {
        // 48 concurrent writers share group-commit batches; every fifth one fails after cutting its block, and every
        // third asks for 3 keys (a savepoint write). Whatever the batches turn out to be, a caller told of keys must
        // find them stored and redeemable, and nothing a failed caller cut may remain.
        const int writers = 48;
        for (var seed = 300; seed < 316; seed++)
        {
            await DepositBothAsync(TestData.Block(seed, bytes: 1024));
        }

        var answered = new ConcurrentBag<DeliveredKey>();
        var ownFailures = 0;
        var batchFailures = 0;
        var served = 0;
        var entered = 0;
        // The first write holds its turn until every writer has called the store, so the writers queue up behind it and
        // share batches (on SQLite) instead of running one by one. The bound only guards against a hang.
        using var allEntered = new ManualResetEventSlim();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var count = w % 3 == 0 ? 3 : 1;
            var calls = 0;
            KeyDeriver derive = (qkd, _, _) =>
            {
                allEntered.Wait(TimeSpan.FromSeconds(30));
                return w % 5 == 0 && ++calls == count ? throw new IOException("disk gone") : (qkd!, KeyOrigin.Qkd);
            };
            try
            {
                if (Interlocked.Increment(ref entered) == writers)
                {
                    allEntered.Set();
                }

                var result = await _store.IssueAsync(new IssuePlan("sae-alice", "alice", "bob", ["sae-bob"], count, KeyBytes, AllowWithoutQkd: false), derive, TestData.Epoch);
                foreach (var key in result.Keys!)
                {
                    answered.Add(key);
                }

                Interlocked.Increment(ref served);
            }
            catch (IOException)
            {
                Interlocked.Increment(ref ownFailures);
            }
            catch (InvalidOperationException)
            {
                // Another writer of the same batch failed without a savepoint: the batch, this write included, was undone.
                Interlocked.Increment(ref batchFailures);
            }
        })));

        Assert.Equal(Enumerable.Range(0, writers).Count(w => w % 5 == 0), ownFailures);
        Assert.Equal(writers, ownFailures + batchFailures + served);
        var accounting = await _store.AccountAsync();
        Assert.Equal(answered.Count, accounting.Keys);
        Assert.Equal((long)answered.Count * KeyBytes, accounting.ConsumedBytes);
        Assert.Equal(0, accounting.InconsistentBlocks);
        foreach (var key in answered)
        {
            var redeemed = await _store.RedeemAsync("sae-bob", "sae-alice", [key.KeyId], TestData.Epoch);
            Assert.Equal(RedeemStatus.Ok, redeemed.Status);
            Assert.Equal(key.Material, Assert.Single(redeemed.Keys).Material);
        }
        var audit = await _store.ReadAuditAsync();
        Assert.Equal(answered.Count, audit.Count(e => e.Action == AuditActions.KeyIssue));
        Assert.True(AuditVerifier.Verify(audit, TestData.MasterKey).IsIntact);
    }

    [Fact]
    public async Task GetEncKeysAndDecKeys_32ConcurrentClients_EveryKeyExactlyOnceNoneLost()
    {
        const int clients = 32, rounds = 15;
        for (var seed = 100; seed < 116; seed++)
        {
            await DepositBothAsync(TestData.Block(seed, bytes: 1024));
        }

        var delivered = new ConcurrentBag<(Guid Id, byte[] Master, byte[] Slave)>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                var key = await IssueOneAsync();
                var fetched = await _kms.GetDecKeysAsync("sae-bob", "sae-alice", [key.KeyId.ToString()]);
                delivered.Add((key.KeyId, key.Material, Assert.Single(fetched.Value).Material));
            }
        })));

        const int total = clients * rounds;
        Assert.Equal(total, delivered.Select(d => d.Id).Distinct().Count());
        Assert.All(delivered, d => Assert.Equal(d.Master, d.Slave));
        // Every key is a distinct slice of the pool: no two keys share material.
        Assert.Equal(total, delivered.Select(d => Convert.ToBase64String(d.Master)).Distinct().Count());
        var accounting = await _store.AccountAsync();
        Assert.Equal(total, accounting.Keys);
        Assert.Equal(total, accounting.KeysCompleted);
        Assert.Equal(total, accounting.SlaveDeliveries);
        Assert.Equal((long)total * KeyBytes, accounting.ConsumedBytes);
        Assert.Equal(0, accounting.InconsistentBlocks);
        Assert.Equal(16 * 1024 / KeyBytes - total, (await _kms.GetStatusAsync("sae-alice", "sae-bob")).Value.StoredKeyCount);
        Assert.True(AuditVerifier.Verify(await _store.ReadAuditAsync(), TestData.MasterKey).IsIntact);
    }

    [Fact]
    public async Task GetDecKeysAsync_ConcurrentRefusedAndServedRequests_RefusalsChangeNothing()
    {
        const int clients = 32;
        for (var seed = 200; seed < 204; seed++)
        {
            await DepositBothAsync(TestData.Block(seed, bytes: 1024));
        }

        var bogus = new Guid(9, 9, 9, new byte[8]).ToString();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var key = await IssueOneAsync();
            // All-or-nothing: one unknown id refuses the whole request and delivers nothing.
            var refused = await _kms.GetDecKeysAsync("sae-bob", "sae-alice", [key.KeyId.ToString(), bogus]);
            Assert.Equal(KmsErrorKind.BadRequest, refused.Error?.Kind);
            var served = await _kms.GetDecKeysAsync("sae-bob", "sae-alice", [key.KeyId.ToString()]);
            Assert.Equal(key.Material, Assert.Single(served.Value).Material);
        })));

        var accounting = await _store.AccountAsync();
        Assert.Equal(clients, accounting.KeysCompleted);
        Assert.Equal(clients, accounting.SlaveDeliveries);
        var audit = await _store.ReadAuditAsync();
        Assert.Equal(clients, audit.Count(e => e.Action == AuditActions.Refuse && e.Subject == "dec_keys"));
        Assert.True(AuditVerifier.Verify(audit, TestData.MasterKey).IsIntact);
    }
}
