using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using QNet.Kms.Audit;

namespace QNet.ControlPlane.Tests.Etsi;

/// <summary>
/// A store that fails under a running ETSI host (here a table taken away by another connection, as a broken or full
/// database would fail): the caller gets 503 with an ETSI error body, not an empty 500, nothing is half done, and the
/// host serves again once the store is whole.
/// </summary>
public sealed class EtsiStoreFailureTests : IAsyncLifetime
{
    private readonly EtsiTestServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    private async Task ExecuteOnStoreAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_server.DataDirectory, "kms.db")};Pooling=False;Default Timeout=30");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task EncAndDecKeys_StoreFailsThenRecovers_503EtsiBodyThenServedAndNothingLost()
    {
        var alice = _server.Client("sae-alice");
        var bob = _server.Client("sae-bob");
        var issued = await alice.GetFromJsonAsync<JsonElement>("api/v1/keys/sae-bob/enc_keys");
        var firstId = issued.GetProperty("keys")[0].GetProperty("key_ID").GetString();
        var before = await _server.Host.Kms.Store.AccountAsync();

        // Every key request appends to the audit trail in its transaction; without the table each one fails.
        await ExecuteOnStoreAsync("ALTER TABLE kms_audit RENAME TO kms_audit_away");
        using (var enc = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, enc.StatusCode);
            Assert.Equal("application/json", enc.Content.Headers.ContentType?.MediaType);
            var error = await enc.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("the KME could not complete the request; nothing was delivered, retry later", error.GetProperty("message").GetString());
        }
        using (var dec = await bob.GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={firstId}"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, dec.StatusCode);
        }

        var during = await _server.Host.Kms.Store.AccountAsync();
        Assert.Equal(before, during);

        await ExecuteOnStoreAsync("ALTER TABLE kms_audit_away RENAME TO kms_audit");
        // The failed dec_keys delivered nothing: the key is still there for its slave, once.
        using (var dec = await bob.GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={firstId}"))
        {
            Assert.Equal(HttpStatusCode.OK, dec.StatusCode);
        }

        using (var replay = await bob.GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={firstId}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        }

        using (var enc = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys"))
        {
            Assert.Equal(HttpStatusCode.OK, enc.StatusCode);
        }

        var after = await _server.Host.Kms.Store.AccountAsync();
        Assert.Equal(before.Keys + 1, after.Keys);
        Assert.Equal(1, after.SlaveDeliveries);
        Assert.Equal(0, after.InconsistentBlocks);
        var masterKey = QNet.Kms.Crypto.MasterKey.Resolve(_server.MasterKeyFile, _server.DataDirectory, createIfMissing: false);
        Assert.True(AuditVerifier.Verify(await _server.Host.Kms.Store.ReadAuditAsync(), masterKey).IsIntact);
    }
}
