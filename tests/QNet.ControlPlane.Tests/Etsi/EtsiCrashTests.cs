using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Pki;
using QNet.Kms.Audit;
using QNet.Kms.Crypto;
using QNet.Kms.Storage;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Etsi;

/// <summary>
/// 32 SAE clients fetch and redeem keys from a real <c>qnet kms serve</c> process, which is SIGKILLed mid-load and
/// restarted on the same data: every key a master received is still retrievable exactly once by its slave, none
/// twice, none lost, and the store's accounting and audit chain are intact. It runs on both stores.
/// </summary>
public sealed class EtsiCrashTests(PostgresFixture postgres, Xunit.Abstractions.ITestOutputHelper output) : IDisposable, IClassFixture<PostgresFixture>
{
    private const int Clients = 32;
    private const int MaxRoundsPerClient = 60;
    private const int KillAfterPairs = 300;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-crash-{Guid.NewGuid():N}");
    private string Data => Path.Combine(_root, "data");
    private string MasterKeyFile => Path.Combine(_root, "secrets", "master.key");

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private sealed class Ledger
    {
        public ConcurrentDictionary<string, string> Issued { get; } = new();
        public ConcurrentDictionary<string, int> Delivered { get; } = new();
        public ConcurrentDictionary<string, bool> InFlightDec { get; } = new();
        public int Pairs;
    }

    private (HttpClient Alice, HttpClient Bob)[] Connect(int port)
    {
        var pki = new DevPki(Path.Combine(Data, "pki"), TimeProvider.System);
        var ca = pki.LoadCaCertificate();
        var uri = new Uri($"https://127.0.0.1:{port}/");
        return Enumerable.Range(0, Clients).Select(_ => (
            EtsiSaeClient.Create(uri, pki.LoadSaeCertificate("sae-alice"), ca),
            EtsiSaeClient.Create(uri, pki.LoadSaeCertificate("sae-bob"), ca))).ToArray();
    }

    private static async Task<string?> EncAsync(HttpClient alice)
    {
        using var response = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys?number=1&size=256");
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return null; // pool momentarily dry: try again
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<(HttpStatusCode Status, string? Key)> DecAsync(HttpClient bob, string id)
    {
        using var response = await bob.GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={id}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null);
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.GetProperty("keys")[0].GetProperty("key").GetString());
    }

    /// <summary>One client: enc_keys then dec_keys, until a transport failure (the kill) or its round budget.</summary>
    private static async Task RunClientAsync(HttpClient alice, HttpClient bob, Ledger ledger)
    {
        for (var round = 0; round < MaxRoundsPerClient; round++)
        {
            string? issuedJson;
            try { issuedJson = await EncAsync(alice); }
            catch (HttpRequestException) { return; }
            if (issuedJson is null)
            {
                continue;
            }

            using var issued = JsonDocument.Parse(issuedJson);
            var key = issued.RootElement.GetProperty("keys")[0];
            var id = key.GetProperty("key_ID").GetString()!;
            ledger.Issued[id] = key.GetProperty("key").GetString()!;
            ledger.InFlightDec[id] = true;
            (HttpStatusCode Status, string? Key) fetched;
            try { fetched = await DecAsync(bob, id); }
            catch (HttpRequestException) { return; }
            ledger.InFlightDec.TryRemove(id, out _);
            Assert.Equal(HttpStatusCode.OK, fetched.Status);
            Assert.Equal(ledger.Issued[id], fetched.Key);
            ledger.Delivered.AddOrUpdate(id, 1, (_, n) => n + 1);
            Interlocked.Increment(ref ledger.Pairs);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task KmsServe_KilledUnder32ClientLoad_RestartedKeysExactlyOnceNoneLost(string storeKind)
    {
        var store = storeKind == "postgres" ? await postgres.CreateDatabaseAsync() : null;
        foreach (var (sae, kme) in new[] { ("sae-alice", "alice"), ("sae-bob", "bob") })
        {
            await KmsAdministration.IssueSaeAsync(Data, sae, kme, store, MasterKeyFile, TimeProvider.System);
        }

        var ledger = new Ledger();

        using (var first = await KmsServeProcess.StartAsync(Data, MasterKeyFile, store))
        {
            var clients = Connect(first.Port);
            var load = Task.WhenAll(clients.Select(c => Task.Run(() => RunClientAsync(c.Alice, c.Bob, ledger))));
            while (Volatile.Read(ref ledger.Pairs) < KillAfterPairs && !load.IsCompleted)
            {
                await Task.Delay(5);
            }

            first.Kill();
            await load;
            foreach (var (a, b) in clients) { a.Dispose(); b.Dispose(); }
        }
        Assert.True(ledger.Pairs >= KillAfterPairs, $"only {ledger.Pairs} pairs completed before the clients' budget ran out");
        Assert.All(ledger.Delivered.Values, n => Assert.Equal(1, n));

        var afterRestart = new Ledger();
        using (var second = await KmsServeProcess.StartAsync(Data, MasterKeyFile, store))
        {
            var clients = Connect(second.Port);
            var bob = clients[0].Bob;
            var neverAttempted = 0;
            foreach (var (id, key) in ledger.Issued)
            {
                var (status, fetched) = await DecAsync(bob, id);
                if (ledger.Delivered.ContainsKey(id))
                {
                    Assert.Equal(HttpStatusCode.BadRequest, status); // already delivered before the crash: never twice
                }
                else if (ledger.InFlightDec.ContainsKey(id))
                {
                    Assert.True(status == HttpStatusCode.OK ? fetched == key : status == HttpStatusCode.BadRequest, $"{id}: {status}"); // committed or not, never lost
                }
                else
                {
                    neverAttempted++;
                    Assert.Equal(HttpStatusCode.OK, status);
                    Assert.Equal(key, fetched);
                }
            }
            Assert.Equal(0, neverAttempted); // a client always tries dec_keys right after enc_keys returned
            await Task.WhenAll(clients.Take(Clients).Select(c => Task.Run(async () =>
            {
                for (var i = 0; i < 5; i++)
                {
                    var json = await EncAsync(c.Alice);
                    if (json is null)
                    {
                        continue;
                    }

                    using var doc = JsonDocument.Parse(json);
                    var key = doc.RootElement.GetProperty("keys")[0];
                    var (status, fetched) = await DecAsync(c.Bob, key.GetProperty("key_ID").GetString()!);
                    Assert.Equal(HttpStatusCode.OK, status);
                    Assert.Equal(key.GetProperty("key").GetString(), fetched);
                    Interlocked.Increment(ref afterRestart.Pairs);
                }
            })));
            foreach (var (a, b) in clients) { a.Dispose(); b.Dispose(); }
            second.Kill();
        }
        Assert.True(afterRestart.Pairs > 0);
        output.WriteLine($"before kill: {ledger.Issued.Count} issued, {ledger.Pairs} redeemed, {ledger.InFlightDec.Count} dec_keys in flight; after restart: {afterRestart.Pairs} pairs");

        var masterKey = MasterKey.Resolve(MasterKeyFile, Data, createIfMissing: false);
        await using var opened = await KmsStoreFactory.OpenAsync(store ?? Path.Combine(Data, "kms.db"), masterKey);
        var accounting = await opened.AccountAsync();
        Assert.Equal(0, accounting.InconsistentBlocks);
        Assert.Equal(accounting.Keys * 32, accounting.ConsumedBytes);
        Assert.Equal(accounting.Keys, accounting.KeysIssued + accounting.KeysCompleted + accounting.KeysExpired);
        Assert.Equal(accounting.KeysCompleted, accounting.SlaveDeliveries);
        Assert.True(accounting.Keys >= ledger.Issued.Count + afterRestart.Pairs);
        var audit = AuditVerifier.Verify(await opened.ReadAuditAsync(), masterKey);
        Assert.True(audit.IsIntact, audit.Problem);
        output.WriteLine($"store: {accounting}; audit entries {audit.VerifiedEntries}");
    }
}
