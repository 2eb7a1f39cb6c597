using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace QNet.ControlPlane.Tests.Etsi;

/// <summary>The ETSI GS QKD 014 flows over real mutual TLS, checking field names and types of the spec.</summary>
public sealed class EtsiKeyDeliveryApiTests(EtsiTestServer server) : IClassFixture<EtsiTestServer>
{
    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static void AssertKeyShape(JsonElement key, int bits)
    {
        Assert.True(Guid.TryParseExact(key.GetProperty("key_ID").GetString(), "D", out _));
        var text = key.GetProperty("key").GetString()!;
        Assert.Equal(4 * ((bits / 8 + 2) / 3), text.Length); // base64 with padding
        Assert.Equal(bits / 8, Convert.FromBase64String(text).Length);
        Assert.Equal("qkd", key.GetProperty("key_extension").GetProperty("origin").GetString());
    }

    [Fact]
    public async Task GetStatus_RegisteredPair_AllSpecFieldsWithTypes()
    {
        var status = await OkJsonAsync(await server.Client("sae-alice").GetAsync("api/v1/keys/sae-bob/status"));
        Assert.Equal("alice", status.GetProperty("source_KME_ID").GetString());
        Assert.Equal("bob", status.GetProperty("target_KME_ID").GetString());
        Assert.Equal("sae-alice", status.GetProperty("master_SAE_ID").GetString());
        Assert.Equal("sae-bob", status.GetProperty("slave_SAE_ID").GetString());
        Assert.Equal(256, status.GetProperty("key_size").GetInt32());
        Assert.True(status.GetProperty("stored_key_count").GetInt64() > 0);
        Assert.Equal(100_000, status.GetProperty("max_key_count").GetInt32());
        Assert.Equal(128, status.GetProperty("max_key_per_request").GetInt32());
        Assert.Equal(8192, status.GetProperty("max_key_size").GetInt32());
        Assert.Equal(64, status.GetProperty("min_key_size").GetInt32());
        Assert.Equal(4, status.GetProperty("max_SAE_ID_count").GetInt32());
        Assert.Equal("qkd-only", status.GetProperty("status_extension").GetProperty("qnet_key_policy").GetString());
    }

    [Fact]
    public async Task EncKeysThenDecKeys_GetAndPost_SlaveReceivesSameKeysOnce()
    {
        var alice = server.Client("sae-alice");
        var bob = server.Client("sae-bob");
        var byGet = await OkJsonAsync(await alice.GetAsync("api/v1/keys/sae-bob/enc_keys?number=2&size=512"));
        var byPost = await OkJsonAsync(await alice.PostAsync("api/v1/keys/sae-bob/enc_keys",
            new StringContent("""{"number": 3, "size": 128}""", Encoding.UTF8, "application/json")));
        var byEmptyPost = await OkJsonAsync(await alice.PostAsync("api/v1/keys/sae-bob/enc_keys", content: null));
        Assert.Equal(2, byGet.GetProperty("keys").GetArrayLength());
        Assert.Equal(3, byPost.GetProperty("keys").GetArrayLength());
        foreach (var key in byGet.GetProperty("keys").EnumerateArray())
        {
            AssertKeyShape(key, 512);
        }

        foreach (var key in byPost.GetProperty("keys").EnumerateArray())
        {
            AssertKeyShape(key, 128);
        }

        AssertKeyShape(Assert.Single(byEmptyPost.GetProperty("keys").EnumerateArray()), 256);

        var first = byGet.GetProperty("keys")[0];
        var viaGet = await OkJsonAsync(await bob.GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={first.GetProperty("key_ID").GetString()}"));
        Assert.Equal(first.GetProperty("key").GetString(), Assert.Single(viaGet.GetProperty("keys").EnumerateArray()).GetProperty("key").GetString());

        var ids = byPost.GetProperty("keys").EnumerateArray().Select(k => new { key_ID = k.GetProperty("key_ID").GetString() }).ToArray();
        var viaPost = await OkJsonAsync(await bob.PostAsJsonAsync("api/v1/keys/sae-alice/dec_keys", new { key_IDs = ids }));
        Assert.Equal(byPost.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("key").GetString()),
            viaPost.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("key").GetString()));

        using var replay = await bob.PostAsJsonAsync("api/v1/keys/sae-alice/dec_keys", new { key_IDs = ids });
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
    }

    [Fact]
    public async Task DecKeys_ThirdSaeAtSlaveKme_401ThenSlaveStillServed()
    {
        var issued = await OkJsonAsync(await server.Client("sae-alice").GetAsync("api/v1/keys/sae-bob/enc_keys"));
        var id = issued.GetProperty("keys")[0].GetProperty("key_ID").GetString();
        using var stolen = await server.Client("sae-carol").GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={id}");
        Assert.Equal(HttpStatusCode.Unauthorized, stolen.StatusCode);
        var error = await stolen.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SAE 'sae-carol' is not a slave of one or more keys specified", error.GetProperty("message").GetString());
        await OkJsonAsync(await server.Client("sae-bob").GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={id}"));
    }

    [Fact]
    public async Task EncKeys_AdditionalSlave_BothSlavesFetchOnce()
    {
        var issued = await OkJsonAsync(await server.Client("sae-alice").PostAsync("api/v1/keys/sae-bob/enc_keys",
            new StringContent("""{"number": 1, "additional_slave_SAE_IDs": ["sae-carol"]}""", Encoding.UTF8, "application/json")));
        var key = issued.GetProperty("keys")[0];
        foreach (var slave in new[] { "sae-bob", "sae-carol" })
        {
            var got = await OkJsonAsync(await server.Client(slave).GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={key.GetProperty("key_ID").GetString()}"));
            Assert.Equal(key.GetProperty("key").GetString(), got.GetProperty("keys")[0].GetProperty("key").GetString());
        }
    }

    [Fact]
    public async Task EncKeys_HybridPolicy_OriginReportedInKeyExtensionAndStatus()
    {
        await server.Host.Kms.SetPolicyAsync("sae-alice", "sae-bob", QNet.Kms.Domain.KeyPolicy.Hybrid);
        try
        {
            var status = await OkJsonAsync(await server.Client("sae-alice").GetAsync("api/v1/keys/sae-bob/status"));
            Assert.Equal("hybrid", status.GetProperty("status_extension").GetProperty("qnet_key_policy").GetString());
            var issued = await OkJsonAsync(await server.Client("sae-alice").GetAsync("api/v1/keys/sae-bob/enc_keys"));
            var key = issued.GetProperty("keys")[0];
            Assert.Equal("hybrid", key.GetProperty("key_extension").GetProperty("origin").GetString());
            var fetched = await OkJsonAsync(await server.Client("sae-bob").GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={key.GetProperty("key_ID").GetString()}"));
            Assert.Equal(key.GetProperty("key").GetString(), fetched.GetProperty("keys")[0].GetProperty("key").GetString());
            Assert.Equal("hybrid", fetched.GetProperty("keys")[0].GetProperty("key_extension").GetProperty("origin").GetString());
        }
        finally
        {
            await server.Host.Kms.SetPolicyAsync("sae-alice", "sae-bob", QNet.Kms.Domain.KeyPolicy.QkdOnly);
        }
    }
}
