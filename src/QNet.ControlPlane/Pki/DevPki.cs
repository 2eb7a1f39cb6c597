using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace QNet.ControlPlane.Pki;

/// <summary>
/// A development PKI in one folder: <c>ca.crt/.key</c> (the CA), <c>kme.crt/.key</c> (the KME's TLS server
/// certificate for localhost, 127.0.0.1 and ::1) and one <c>NAME.crt/.key</c> per SAE (TLS client certificate whose
/// subject CN is the SAE ID). ECDSA P-256, PEM files, private keys mode 0600. For development only: production
/// deployments bring the operator's PKI and never keep a CA key next to the service.
/// </summary>
public sealed class DevPki
{
    /// <summary>Subject CN of the KME server certificate.</summary>
    public const string ServerName = "qnet-kme";

    private readonly TimeProvider _time;

    /// <summary>The folder holding the PEM files.</summary>
    public string Directory { get; }

    /// <summary>Creates a handle on <paramref name="directory"/> (nothing is written until <see cref="Initialize"/>).</summary>
    public DevPki(string directory, TimeProvider time)
    {
        Directory = Path.GetFullPath(directory);
        _time = time;
    }

    /// <summary>Path of the CA certificate.</summary>
    public string CaCertificatePath => PathOf("ca", ".crt");

    /// <summary>True when the CA and server certificate exist.</summary>
    public bool IsInitialized => File.Exists(CaCertificatePath) && File.Exists(PathOf("ca", ".key")) && File.Exists(PathOf("kme", ".crt")) && File.Exists(PathOf("kme", ".key"));

    /// <summary>Creates the CA and the KME server certificate unless they exist; returns true when it created them.</summary>
    public bool Initialize()
    {
        if (IsInitialized)
        {
            return false;
        }

        System.IO.Directory.CreateDirectory(Directory);
        var now = _time.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=QNet development CA, O=QNet", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        Write("ca", ca, caKey);

        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        IssueLeaf("kme", ServerName, ca, caKey, serverAuth: true, san.Build());
        return true;
    }

    /// <summary>The list of superseded SAE certificates the ETSI host refuses.</summary>
    public SaeRevocationList Revocations => new(Path.Combine(Directory, SaeRevocationList.FileName));

    /// <summary>True when SAE <paramref name="saeId"/> has a certificate in this PKI.</summary>
    public bool HasSae(string saeId) => File.Exists(PathOf(CheckedSaeId(saeId), ".crt"));

    /// <summary>
    /// Issues the client certificate of SAE <paramref name="saeId"/>. An SAE that has one already is refused unless
    /// <paramref name="replace"/>; then its old certificate's serial goes on <see cref="Revocations"/> before the new
    /// certificate is written, so the old one never authenticates again.
    /// </summary>
    public SaeCertificate IssueSae(string saeId, bool replace = false)
    {
        CheckedSaeId(saeId);
        if (!IsInitialized)
        {
            throw new InvalidOperationException($"no development PKI in {Directory}; run `qnet pki init` first");
        }

        string? revokedSerial = null;
        if (File.Exists(PathOf(saeId, ".crt")))
        {
            if (!replace)
            {
                throw new InvalidOperationException($"SAE '{saeId}' already has a certificate ({PathOf(saeId, ".crt")}); replacing it needs --force");
            }

            using var old = X509CertificateLoader.LoadCertificateFromFile(PathOf(saeId, ".crt"));
            revokedSerial = Revocations.Revoke(old, saeId, _time.GetUtcNow());
        }
        using var ca = X509Certificate2.CreateFromPemFile(CaCertificatePath, PathOf("ca", ".key"));
        using var caKey = ca.GetECDsaPrivateKey() ?? throw new InvalidOperationException("CA key is not ECDSA");
        IssueLeaf(saeId, saeId, ca, caKey, serverAuth: false, subjectAlternativeName: null);
        return new SaeCertificate(PathOf(saeId, ".crt"), PathOf(saeId, ".key"), revokedSerial);
    }

    /// <summary>Organizational unit that marks a node agent's certificate (an SAE's certificate has none).</summary>
    public const string NodeUnit = "qnet-node";

    /// <summary>
    /// Issues the client certificate of node <paramref name="node"/>'s agent: subject <c>CN=NODE, OU=qnet-node</c>, in
    /// <c>nodes/NODE.crt/.key</c>. A node that has one already is refused unless <paramref name="replace"/>.
    /// </summary>
    public SaeCertificate IssueNode(string node, bool replace = false)
    {
        if (!Kms.Domain.Identifier.IsValid(node))
        {
            throw new ArgumentException($"invalid node name '{node}'", nameof(node));
        }
        if (!IsInitialized)
        {
            throw new InvalidOperationException($"no development PKI in {Directory}; run `qnet pki init` first");
        }
        string file = Path.Combine("nodes", node);
        if (File.Exists(PathOf(file, ".crt")) && !replace)
        {
            throw new InvalidOperationException($"node '{node}' already has a certificate ({PathOf(file, ".crt")}); replacing it needs --force");
        }
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "nodes"));
        using var ca = X509Certificate2.CreateFromPemFile(CaCertificatePath, PathOf("ca", ".key"));
        using var caKey = ca.GetECDsaPrivateKey() ?? throw new InvalidOperationException("CA key is not ECDSA");
        IssueLeaf(file, node, ca, caKey, serverAuth: false, subjectAlternativeName: null, NodeUnit);
        return new SaeCertificate(PathOf(file, ".crt"), PathOf(file, ".key"), null);
    }

    /// <summary>Path of node <paramref name="node"/>'s agent certificate (<c>nodes/NODE.crt</c>) or key.</summary>
    public string NodePathOf(string node, string extension) => PathOf(Path.Combine("nodes", node), extension);

    private static string CheckedSaeId(string saeId)
    {
        if (!Kms.Domain.Identifier.IsValid(saeId))
        {
            throw new ArgumentException($"invalid SAE ID '{saeId}'", nameof(saeId));
        }

        if (saeId is "ca" or "kme")
        {
            throw new ArgumentException($"'{saeId}' is reserved for the PKI's own files", nameof(saeId));
        }

        return saeId;
    }

    /// <summary>Loads the CA certificate (public part).</summary>
    public X509Certificate2 LoadCaCertificate() => X509CertificateLoader.LoadCertificateFromFile(CaCertificatePath);

    /// <summary>Loads the KME server certificate with its private key.</summary>
    public X509Certificate2 LoadServerCertificate() => LoadWithKey("kme");

    /// <summary>Loads an SAE's client certificate with its private key.</summary>
    public X509Certificate2 LoadSaeCertificate(string saeId) => LoadWithKey(saeId);

    /// <summary>Path of <c>NAME.crt</c> or <c>NAME.key</c>.</summary>
    public string PathOf(string name, string extension) => Path.Combine(Directory, name + extension);

    private X509Certificate2 LoadWithKey(string name)
    {
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        using var pem = X509Certificate2.CreateFromPemFile(PathOf(name, ".crt"), PathOf(name, ".key"));
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private void IssueLeaf(string fileName, string commonName, X509Certificate2 ca, ECDsa caKey, bool serverAuth, X509Extension? subjectAlternativeName,
        string? organizationalUnit = null)
    {
        var now = _time.GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = organizationalUnit is null ? $"CN={commonName}, O=QNet" : $"CN={commonName}, OU={organizationalUnit}, O=QNet";
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (subjectAlternativeName is not null)
        {
            request.CertificateExtensions.Add(subjectAlternativeName);
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notAfter = now.AddYears(2) < ca.NotAfter ? now.AddYears(2) : new DateTimeOffset(ca.NotAfter);
        using var unsigned = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), notAfter, serial);
        using var withKey = unsigned.CopyWithPrivateKey(key);
        Write(fileName, withKey, key);
    }

    private void Write(string name, X509Certificate2 certificate, ECDsa key)
    {
        File.WriteAllText(PathOf(name, ".crt"), certificate.ExportCertificatePem() + "\n");
        var keyPath = PathOf(name, ".key");
        if (File.Exists(keyPath))
        {
            File.Delete(keyPath);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(keyPath, options);
        using var writer = new StreamWriter(stream);
        writer.Write(key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
