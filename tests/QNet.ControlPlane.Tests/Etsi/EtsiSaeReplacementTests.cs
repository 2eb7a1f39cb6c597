using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using QNet.ControlPlane.Etsi;
using QNet.Kms.Audit;
using QNet.Kms.Crypto;
using QNet.Kms.Storage;

namespace QNet.ControlPlane.Tests.Etsi;

/// <summary>
/// Re-issuing an existing SAE (issue 12, item 6): refused without force; when forced, the superseded certificate stops
/// authenticating at a running ETSI host (on an open keep-alive connection and on a new handshake), the new one works,
/// and the replacement is in the audit trail.
/// </summary>
public sealed class EtsiSaeReplacementTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-sae-replace-{Guid.NewGuid():N}");
    private readonly List<IDisposable> _disposables = [];
    private EtsiKmsHostHandle _host = null!;

    private string Data => Path.Combine(_root, "data");

    private string MasterKeyFile => Path.Combine(_root, "secrets", "master.key");

    public async Task InitializeAsync()
    {
        foreach (var (sae, kme) in new[] { ("sae-alice", "alice"), ("sae-bob", "bob") })
        {
            Assert.NotNull((await KmsAdministration.IssueSaeAsync(Data, sae, kme, null, MasterKeyFile, TimeProvider.System)).Certificate);
        }

        _host = await EtsiKmsHost.StartAsync(new EtsiKmsHostOptions(Data, port: 0, masterKeyFile: MasterKeyFile), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        foreach (var d in _disposables)
        {
            d.Dispose();
        }

        await _host.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task IssueSae_ExistingWithoutForce_RefusedAndNothingChanged()
    {
        var certificateBefore = await File.ReadAllBytesAsync(_host.Pki.PathOf("sae-bob", ".crt"));

        var outcome = await KmsAdministration.IssueSaeAsync(Data, "sae-bob", "carol", null, MasterKeyFile, TimeProvider.System);

        Assert.Null(outcome.Certificate);
        Assert.Equal("SAE 'sae-bob' already exists: it is registered at KME 'bob'. Pass --force to replace it: its current certificate is then revoked and it is registered at KME 'carol'.",
            outcome.Refusal);
        Assert.Equal(certificateBefore, await File.ReadAllBytesAsync(_host.Pki.PathOf("sae-bob", ".crt")));
        Assert.False(File.Exists(_host.Pki.Revocations.Path));
        using var status = await Client(_host.Pki.LoadSaeCertificate("sae-alice")).GetAsync("api/v1/keys/sae-bob/status");
        Assert.Equal("bob", (await JsonAsync(status)).GetProperty("target_KME_ID").GetString());
    }

    [Fact]
    public async Task IssueSae_ExistingWithForce_OldCertificateRefusedNewAcceptedAndAudited()
    {
        using var oldCertificate = _host.Pki.LoadSaeCertificate("sae-bob");
        var oldClient = Client(oldCertificate);
        using (var before = await oldClient.GetAsync("api/v1/keys/sae-alice/status"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var outcome = await KmsAdministration.IssueSaeAsync(Data, "sae-bob", "carol", null, MasterKeyFile, TimeProvider.System, replace: true);

        Assert.Equal(oldCertificate.SerialNumber, outcome.Certificate!.RevokedSerial);
        Assert.Equal("bob", outcome.PreviousKmeId);
        // The same client's open keep-alive connection was authenticated before the replacement: its next request is refused.
        using (var after = await oldClient.GetAsync("api/v1/keys/sae-alice/status"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
            Assert.Equal("the client certificate was revoked (replaced by a newer one for this SAE)", (await JsonAsync(after)).GetProperty("message").GetString());
        }
        // A new connection with the old certificate fails its TLS handshake.
        await Assert.ThrowsAsync<HttpRequestException>(() => Client(oldCertificate).GetAsync("api/v1/keys/sae-alice/status"));
        // The new certificate authenticates.
        using (var renewed = await Client(_host.Pki.LoadSaeCertificate("sae-bob")).GetAsync("api/v1/keys/sae-alice/status"))
        {
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        }

        var (audit, registration) = await ReadStoreAsync();
        Assert.Equal("carol", registration?.KmeId);
        var replaced = Assert.Single(audit, e => e.Action == AuditActions.SaeReplace);
        Assert.Equal("sae-bob", replaced.Subject);
        Assert.Equal($"kme=bob->carol revoked_serial={oldCertificate.SerialNumber}", replaced.Detail);
    }

    private HttpClient Client(X509Certificate2 certificate)
    {
        var client = EtsiSaeClient.Create(new Uri($"https://127.0.0.1:{_host.Port}/"), certificate, _host.Pki.LoadCaCertificate());
        _disposables.Add(client);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<(IReadOnlyList<AuditEntry> Audit, Kms.Domain.SaeRegistration? Bob)> ReadStoreAsync()
    {
        var masterKey = MasterKey.Resolve(MasterKeyFile, Data, createIfMissing: false);
        await using var store = await KmsStoreFactory.OpenAsync(new KmsDataLayout(Data).SqlitePath, masterKey);
        return (await store.ReadAuditAsync(), await store.FindSaeAsync("sae-bob"));
    }
}
