using System.Security.Cryptography.X509Certificates;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Pki;

namespace QNet.ControlPlane.Tests.Pki;

public sealed class DevPkiTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-pki-{Guid.NewGuid():N}");

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Initialize_EmptyFolder_CaAndLoopbackServerCertificateOnceOnly()
    {
        var pki = new DevPki(_root, TimeProvider.System);
        Assert.True(pki.Initialize());
        var caBytes = File.ReadAllBytes(pki.CaCertificatePath);
        Assert.False(pki.Initialize());
        Assert.Equal(caBytes, File.ReadAllBytes(pki.CaCertificatePath));

        using var ca = pki.LoadCaCertificate();
        using var server = pki.LoadServerCertificate();
        Assert.True(server.HasPrivateKey);
        Assert.Equal(DevPki.ServerName, server.GetNameInfo(X509NameType.SimpleName, false));
        var san = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", san.EnumerateDnsNames());
        Assert.Contains(System.Net.IPAddress.Loopback, san.EnumerateIPAddresses());
        Assert.Contains(System.Net.IPAddress.IPv6Loopback, san.EnumerateIPAddresses());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pki.PathOf("ca", ".key")));
        }
        // The server certificate is for TLS servers, not clients: the KME cannot act as an SAE.
        Assert.False(EtsiMutualTls.IsIssuedBy(server, ca));
    }

    [Fact]
    public void IssueSae_Name_ClientCertificateWithCnChainingToCa()
    {
        var pki = new DevPki(_root, TimeProvider.System);
        pki.Initialize();
        var (certificatePath, keyPath, revoked) = pki.IssueSae("sae-alice");
        Assert.Null(revoked);
        Assert.True(File.Exists(keyPath));
        using var ca = pki.LoadCaCertificate();
        using var sae = pki.LoadSaeCertificate("sae-alice");
        Assert.Equal("sae-alice", EtsiMutualTls.SaeIdOf(sae));
        Assert.True(EtsiMutualTls.IsIssuedBy(sae, ca));
        Assert.Equal(certificatePath, pki.PathOf("sae-alice", ".crt"));
    }

    [Theory]
    [InlineData("ca")]
    [InlineData("kme")]
    [InlineData("../escape")]
    [InlineData("")]
    public void IssueSae_ReservedOrInvalidName_Rejected(string name)
    {
        var pki = new DevPki(_root, TimeProvider.System);
        pki.Initialize();
        Assert.Throws<ArgumentException>(() => pki.IssueSae(name));
    }

    [Fact]
    public async Task StartAsync_NoPki_CreatesDevelopmentPkiOnFirstStart()
    {
        var data = Path.Combine(_root, "data");
        await using (var host = await EtsiKmsHost.StartAsync(new EtsiKmsHostOptions(data, port: 0, masterKeyFile: Path.Combine(_root, "master.key")), TimeProvider.System))
        {
            Assert.True(host.Port > 0);
        }

        Assert.True(new DevPki(Path.Combine(data, "pki"), TimeProvider.System).IsInitialized);
        Assert.True(File.Exists(Path.Combine(data, "kms.db")));
        Assert.False(File.Exists(Path.Combine(data, "master.key")));
    }
}
