using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace QNet.ControlPlane.Etsi;

/// <summary>
/// Kestrel mutual-TLS setup for the ETSI API: TLS 1.2 or 1.3 only, a client certificate is required and must chain
/// to the configured CA and not be on the revocation list (a handshake without one fails, before any HTTP is spoken);
/// the SAE ID is the subject CN.
/// </summary>
public static class EtsiMutualTls
{
    /// <summary>
    /// Listens on <paramref name="address"/>:<paramref name="port"/> with HTTPS requiring a client certificate issued by
    /// <paramref name="clientCa"/> and not on <paramref name="revocations"/>.
    /// </summary>
    public static void ListenEtsiMutualTls(this KestrelServerOptions kestrel, IPAddress address, int port, X509Certificate2 serverCertificate, X509Certificate2 clientCa,
        Pki.SaeRevocationList revocations)
    {
        kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = serverCertificate,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                CheckCertificateRevocation = false,
                ClientCertificateValidation = (certificate, _, _) => IsIssuedBy(certificate, clientCa) && !revocations.IsRevoked(certificate),
            });
        });
    }

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="ca"/> alone, is in its validity period and allows client authentication.</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(certificate);
    }

    /// <summary>The SAE ID a client certificate carries: its subject common name.</summary>
    public static string? SaeIdOf(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return null;
        }
        // Kestrel hands every request on a connection the same certificate object; parsing the subject once saves
        // an ASN.1 decode per request. The table holds the certificate weakly, so it does not outlive the connection.
        return SubjectCommonNames.GetValue(certificate,
            c => new CommonName(c.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } cn ? cn : null)).Value;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<X509Certificate2, CommonName> SubjectCommonNames = new();

    private sealed record CommonName(string? Value);
}
