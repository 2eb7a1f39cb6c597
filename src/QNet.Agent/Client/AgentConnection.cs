using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace QNet.Agent.Client;

/// <summary>
/// The agent's HTTP/2 channel to the control plane: mutual TLS with the node's certificate, trusting only the given CA
/// for the server's certificate, and the same message size limit as the server.
/// </summary>
internal static class AgentConnection
{
    /// <summary>Largest message either side sends or accepts, bytes (a telemetry batch is a few kilobytes).</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    /// <summary>Opens a channel to <paramref name="options"/>' control plane; throws <see cref="AgentSetupException"/> naming an unreadable file.</summary>
    public static GrpcChannel Open(AgentOptions options)
    {
        var client = LoadClientCertificate(options.CertificatePath, options.KeyPath);
        var ca = Load("--ca", options.CaPath, () => X509CertificateLoader.LoadCertificateFromFile(options.CaPath));
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [client],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is X509Certificate2 server && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && ChainsTo(server, ca),
            },
        };
        return GrpcChannel.ForAddress(options.ControlPlane, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
        });
    }

    /// <summary>The node name a certificate carries: its subject common name.</summary>
    public static string? NodeOf(string certificatePath)
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
        return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    private static X509Certificate2 LoadClientCertificate(string certificatePath, string keyPath) =>
        Load("--cert/--key", certificatePath, () =>
        {
            // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        });

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static X509Certificate2 Load(string option, string path, Func<X509Certificate2> load)
    {
        if (!File.Exists(path))
        {
            throw new AgentSetupException($"{option}: file not found: {path}");
        }
        try
        {
            return load();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new AgentSetupException($"{option}: {path} is not a PEM certificate (with its matching private key)");
        }
    }
}

/// <summary>The agent cannot start or was refused for good (bad file, wrong certificate, incompatible version); the message says why.</summary>
internal sealed class AgentSetupException(string message) : Exception(message);
