using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QNet.ControlPlane.Etsi;
using QNet.Kms.Supply;

namespace QNet.ControlPlane.Tests.Etsi;

/// <summary>
/// An in-process ETSI host on a free loopback port with real mutual TLS, a fresh SQLite store and dev PKI.
/// SAEs: sae-alice at KME alice; sae-bob and sae-carol at KME bob; sae-dave at KME dave (empty pool);
/// sae-eve has a valid certificate but is not registered. No background supplier: tests deposit seeded blocks.
/// </summary>
public sealed class EtsiTestServer : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> _clients = new();
    private int _seed;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"qnet-etsi-{Guid.NewGuid():N}");

    public string DataDirectory => Path.Combine(Root, "data");

    public string MasterKeyFile => Path.Combine(Root, "secrets", "master.key");

    public EtsiKmsHostHandle Host { get; private set; } = null!;

    public Uri BaseAddress => new($"https://127.0.0.1:{Host.Port}/");

    public async Task InitializeAsync()
    {
        foreach (var (sae, kme) in new[] { ("sae-alice", "alice"), ("sae-bob", "bob"), ("sae-carol", "bob"), ("sae-dave", "dave") })
        {
            await KmsAdministration.IssueSaeAsync(DataDirectory, sae, kme, null, MasterKeyFile, TimeProvider.System);
        }

        new ControlPlane.Pki.DevPki(Path.Combine(DataDirectory, "pki"), TimeProvider.System).IssueSae("sae-eve");
        Host = await EtsiKmsHost.StartAsync(new EtsiKmsHostOptions(DataDirectory, port: 0, masterKeyFile: MasterKeyFile), TimeProvider.System);
        await DepositAsync(blocks: 4);
    }

    /// <summary>Deposits seeded 8 KiB blocks (both copies) into the alice|bob pool.</summary>
    public async Task DepositAsync(int blocks)
    {
        for (var i = 0; i < blocks; i++)
        {
            var material = new byte[8192];
            new Random(Interlocked.Increment(ref _seed)).NextBytes(material);
            var block = new KeyBlock(Guid.NewGuid(), "alice", "bob", material, DateTimeOffset.UtcNow, 0.02, 1e-10);
            Assert.Equal(DepositOutcome.AwaitingPeer, await Host.Kms.DepositAsync("alice", block));
            Assert.Equal(DepositOutcome.Verified, await Host.Kms.DepositAsync("bob", block));
        }
    }

    /// <summary>A keep-alive client presenting <paramref name="sae"/>'s certificate (null: no certificate).</summary>
    public HttpClient Client(string? sae)
    {
        var name = sae ?? "";
        lock (_clients)
        {
            if (!_clients.TryGetValue(name, out var client))
            {
                var certificate = sae is null ? null : Host.Pki.LoadSaeCertificate(sae);
                client = EtsiSaeClient.Create(BaseAddress, certificate, Host.Pki.LoadCaCertificate());
                _clients[name] = client;
            }
            return client;
        }
    }

    /// <summary>A client whose certificate (CN=sae-alice) comes from a CA the server does not trust.</summary>
    public HttpClient ForeignClient()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Foreign CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=sae-alice", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var leaf = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3, 4]);
        var withKey = X509CertificateLoader.LoadPkcs12(leaf.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
        return EtsiSaeClient.Create(BaseAddress, withKey, Host.Pki.LoadCaCertificate());
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
