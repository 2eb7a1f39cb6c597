using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace QNet.ControlPlane.Tests.Etsi;

/// <summary>Every malformed-request class gets the ETSI status code and an ETSI error body naming the problem.</summary>
public sealed class EtsiMalformedRequestTests(EtsiTestServer server) : IClassFixture<EtsiTestServer>
{
    private const string Adhere = "requested parameters do not adhere to KME configuration";
    private const string Malformed = "request body is malformed";

    public static TheoryData<string, string, string?, int, string, string?> Cases => new()
    {
        // method, path, body, status, message, details[0].parameter
        { "GET", "sae-bob/enc_keys?number=0", null, 400, "number shall be a positive integer", "number" },
        { "GET", "sae-bob/enc_keys?number=-3", null, 400, "number shall be a positive integer", "number" },
        { "GET", "sae-bob/enc_keys?number=two", null, 400, "number shall be a positive integer", "number" },
        { "GET", "sae-bob/enc_keys?number=1000", null, 400, Adhere, "number" },
        { "GET", "sae-bob/enc_keys?size=0", null, 400, "size shall be a positive integer", "size" },
        { "GET", "sae-bob/enc_keys?size=-8", null, 400, "size shall be a positive integer", "size" },
        { "GET", "sae-bob/enc_keys?size=7", null, 400, "size shall be a multiple of 8", "size" },
        { "GET", "sae-bob/enc_keys?size=16", null, 400, Adhere, "size" },
        { "GET", "sae-bob/enc_keys?size=16384", null, 400, Adhere, "size" },
        { "GET", "sae-bob/enc_keys?number=1&number=2", null, 400, "request parameters shall not repeat", "number" },
        { "POST", "sae-bob/enc_keys", """{"number": 0}""", 400, "number shall be a positive integer", "number" },
        { "POST", "sae-bob/enc_keys", """{"size": 12}""", 400, "size shall be a multiple of 8", "size" },
        { "POST", "sae-bob/enc_keys", """{"number": "two"}""", 400, Malformed, "number" },
        { "POST", "sae-bob/enc_keys", """{"number": 1.5}""", 400, Malformed, "number" },
        { "POST", "sae-bob/enc_keys", "{", 400, Malformed, "body" },
        { "POST", "sae-bob/enc_keys", "[1]", 400, Malformed, "body" },
        { "POST", "sae-bob/enc_keys", """{"additional_slave_SAE_IDs": ["sae-bob"]}""", 400, "additional_slave_SAE_IDs shall not repeat the master or slave SAE ID", "additional_slave_SAE_IDs" },
        { "POST", "sae-bob/enc_keys", """{"additional_slave_SAE_IDs": ["sae-alice"]}""", 400, "additional_slave_SAE_IDs shall not repeat the master or slave SAE ID", "additional_slave_SAE_IDs" },
        { "POST", "sae-bob/enc_keys", """{"additional_slave_SAE_IDs": ["sae-carol", "sae-carol"]}""", 400, "additional_slave_SAE_IDs shall not contain duplicates", "additional_slave_SAE_IDs" },
        { "POST", "sae-bob/enc_keys", """{"additional_slave_SAE_IDs": ["sae-nobody"]}""", 400, "additional slave SAE is not registered", "additional_slave_SAE_IDs" },
        { "POST", "sae-bob/enc_keys", """{"additional_slave_SAE_IDs": ["sae-dave"]}""", 400, "additional slave SAEs shall be attached to the slave's KME", "additional_slave_SAE_IDs" },
        { "POST", "sae-bob/enc_keys", """{"additional_slave_SAE_IDs": ["a", "b", "c", "d", "e"]}""", 400, Adhere, "additional_slave_SAE_IDs" },
        { "POST", "sae-bob/enc_keys", """{"extension_mandatory": [{"abc_route_type": "direct"}]}""", 400, "not all extension_mandatory parameters are supported", "extension_mandatory" },
        { "POST", "sae-bob/enc_keys", """{"extension_mandatory": ["x"]}""", 400, Malformed, "extension_mandatory" },
        { "GET", "sae-alice/enc_keys", null, 400, "master and slave SAE IDs shall differ", "slave_SAE_ID" },
        { "GET", "sae-nobody/enc_keys", null, 400, "slave_SAE_ID is not registered", "slave_SAE_ID" },
        { "GET", "sae-nobody/status", null, 400, "slave_SAE_ID is not registered", "slave_SAE_ID" },
        { "GET", "sae-alice/status", null, 400, "master and slave SAE IDs shall differ", "slave_SAE_ID" },
        { "GET", "sae-dave/enc_keys", null, 503, "insufficient key material in pool alice|dave for 1 key(s) of 256 bits", null },
        { "GET", "sae-bob/dec_keys?key_ID=not-a-uuid", null, 400, "key_ID shall be a UUID", "key_ID" },
        { "GET", "sae-bob/dec_keys", null, 400, "key_ID shall be given", "key_ID" },
        { "GET", "sae-bob/dec_keys?key_ID=6f1c1c9e-5a4b-4a53-9d43-1f0e4c5b9a77", null, 400, "one or more keys specified are not found on KME", "key_ID" },
        { "POST", "sae-bob/dec_keys", "{}", 400, "request body shall contain key_IDs", "key_IDs" },
        { "POST", "sae-bob/dec_keys", "", 400, "request body shall contain key_IDs", "key_IDs" },
        { "POST", "sae-bob/dec_keys", """{"key_IDs": []}""", 400, "key_IDs shall contain at least one key_ID", "key_IDs" },
        { "POST", "sae-bob/dec_keys", """{"key_IDs": [{"key_ID": 5}]}""", 400, Malformed, "key_IDs" },
        { "POST", "sae-bob/dec_keys", """{"key_IDs": [{"key_ID": "6f1c1c9e-5a4b-4a53-9d43-1f0e4c5b9a77"}, {"key_ID": "6f1c1c9e-5a4b-4a53-9d43-1f0e4c5b9a77"}]}""", 400, "key_IDs shall not contain duplicates", "key_ID" },
        { "GET", "sae-alice/dec_keys?key_ID=6f1c1c9e-5a4b-4a53-9d43-1f0e4c5b9a77", null, 400, "master and slave SAE IDs shall differ", "master_SAE_ID" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_Malformed_EtsiStatusAndErrorBody(string method, string path, string? body, int status, string message, string? parameter)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "api/v1/keys/" + path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await server.Client("sae-alice").SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, error.RootElement.GetProperty("message").GetString());
        if (parameter is null)
        {
            return;
        }

        var details = error.RootElement.GetProperty("details");
        Assert.Equal(parameter, details[0].GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrEmpty(details[0].GetProperty("reason").GetString()));
    }

    [Theory]
    [InlineData("sae-bob/enc_keys", """{"number": 1}""", "text/plain")]
    [InlineData("sae-bob/enc_keys", "number=1", "application/x-www-form-urlencoded")]
    [InlineData("sae-bob/enc_keys", "", "text/plain")]
    [InlineData("sae-bob/dec_keys", """{"key_IDs": [{"key_ID": "6f1c1c9e-5a4b-4a53-9d43-1f0e4c5b9a77"}]}""", "text/plain")]
    public async Task Post_NonJsonContentType_415WithEtsiErrorBody(string path, string body, string mediaType)
    {
        using var response = await server.Client("sae-alice").PostAsync("api/v1/keys/" + path, new StringContent(body, Encoding.UTF8, mediaType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("request body shall be JSON (Content-Type: application/json)", error.RootElement.GetProperty("message").GetString());
        var detail = error.RootElement.GetProperty("details")[0];
        Assert.Equal("Content-Type", detail.GetProperty("parameter").GetString());
        Assert.StartsWith($"'{mediaType}; charset=utf-8' is not", detail.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task PostEncKeys_JsonWithCharset_Served()
    {
        using var response = await server.Client("sae-alice").PostAsync("api/v1/keys/sae-bob/enc_keys",
            new StringContent("""{"number": 1}""", Encoding.UTF8, "application/json"));
        Assert.Equal("utf-8", response.RequestMessage?.Content?.Headers.ContentType?.CharSet);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_CallerCertificateValidButSaeUnregistered_401()
    {
        using var response = await server.Client("sae-eve").GetAsync("api/v1/keys/sae-bob/status");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SAE 'sae-eve' is not registered with this KMS", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Request_NoClientCertificate_HandshakeRefused() =>
        await Assert.ThrowsAsync<HttpRequestException>(() => server.Client(null).GetAsync("api/v1/keys/sae-bob/status"));

    [Fact]
    public async Task Request_CertificateFromUntrustedCa_HandshakeRefused()
    {
        using var client = server.ForeignClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("api/v1/keys/sae-bob/status"));
    }

    [Fact]
    public async Task PostEncKeys_UnsupportedOptionalExtension_IgnoredAndServed()
    {
        using var response = await server.Client("sae-alice").PostAsync("api/v1/keys/sae-bob/enc_keys",
            new StringContent("""{"number": 1, "extension_optional": [{"abc_qos": "high"}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
