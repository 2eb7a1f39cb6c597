using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using QNet.Agent.Protocol.V1;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Pki;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Agents;

/// <summary>
/// The real control plane in process with its node-agent endpoint on a free port (metro network), an operator token,
/// and gRPC clients that present a chosen certificate, as an agent would.
/// </summary>
internal sealed class AgentTestServer : IAsyncDisposable
{
    private AgentTestServer(string root, ControlPlaneHandle host, HttpClient operatorClient)
    {
        Root = root;
        Host = host;
        Operator = operatorClient;
    }

    public string Root { get; }
    public ControlPlaneHandle Host { get; }
    public HttpClient Operator { get; }
    public DevPki Pki => Host.Etsi.Pki;
    public Uri AgentUrl => new($"https://127.0.0.1:{Host.AgentPort}");

    public static async Task<AgentTestServer> StartAsync(double timeFactor = 60)
    {
        var root = Path.Combine(Path.GetTempPath(), $"qnet-agents-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        var options = new ControlPlaneOptions(data, apiPort: 0, etsiPort: 0, timeFactor: timeFactor) { MasterKeyFile = ControlPlaneServer.MasterKeyFileUnder(root), AgentPort = 0 };
        var host = await ControlPlaneHost.StartAsync(options, TimeProvider.System);
        var token = await ControlPlaneAdministration.CreateTokenAsync(data, null, "operator", "test-operator", TimeProvider.System);
        var client = new HttpClient { BaseAddress = host.ApiUrl };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return new AgentTestServer(root, host, client);
    }

    /// <summary>A node certificate with its key, issued by this server's PKI.</summary>
    public X509Certificate2 NodeCertificate(string node)
    {
        if (!File.Exists(Pki.NodePathOf(node, ".crt")))
        {
            Pki.IssueNode(node);
        }
        return Load(Pki.NodePathOf(node, ".crt"), Pki.NodePathOf(node, ".key"));
    }

    public static X509Certificate2 Load(string certificate, string key)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificate, key);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>An HTTP/2 handler presenting <paramref name="certificate"/> and trusting the server's CA.</summary>
    public SocketsHttpHandler Handler(X509Certificate2 certificate)
    {
        var ca = Pki.LoadCaCertificate();
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificate],
                RemoteCertificateValidationCallback = (_, server, _, _) => server is not null && ChainsTo(server, ca),
            },
        };
    }

    public AgentControl.AgentControlClient Client(X509Certificate2 certificate, out GrpcChannel channel)
    {
        channel = GrpcChannel.ForAddress(AgentUrl, new GrpcChannelOptions { HttpHandler = Handler(certificate), MaxSendMessageSize = 8 * 1024 * 1024 });
        return new AgentControl.AgentControlClient(channel);
    }

    public static AgentMessage Register(string node, uint major = 1, uint minor = 0)
    {
        var register = new Register { Version = new ProtocolVersion { Major = major, Minor = minor }, Node = node, Agent = "test", Instance = "i-1" };
        register.Devices.Add(new Device { Id = "detector-0", Kind = DeviceKind.Detector });
        register.Devices.Add(new Device { Id = "memory-0", Kind = DeviceKind.Memory });
        return new AgentMessage { Register = register };
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }

    public async ValueTask DisposeAsync()
    {
        Operator.Dispose();
        await Host.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
