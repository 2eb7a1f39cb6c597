using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace QNet.ControlPlane.Etsi;

/// <summary>
/// An <see cref="HttpClient"/> for an SAE: presents the SAE's client certificate, trusts only the given CA for the
/// server, and keeps connections (hence TLS sessions) alive between requests.
/// </summary>
public static class EtsiSaeClient
{
    /// <summary>Creates a client for <paramref name="baseAddress"/> (e.g. <c>https://127.0.0.1:8443/</c>).</summary>
    public static HttpClient Create(Uri baseAddress, X509Certificate2? clientCertificate, X509Certificate2 serverCa)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustsServer(certificate, errors, serverCa),
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// The server check of an SAE client: the certificate chains to <paramref name="ca"/> alone (the development CA
    /// is not in the system store, so the platform's own chain error is set aside) and has no other TLS error.
    /// </summary>
    public static bool TrustsServer(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca) =>
        certificate is X509Certificate2 server && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && ChainsTo(server, ca);

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
