using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Agents;

/// <summary>
/// Wires the node-agent endpoint into the control plane: its own HTTPS port (HTTP/2 only, TLS 1.2/1.3, a client
/// certificate asked for and proven by the handshake, then judged by <see cref="NodeCertificates"/> inside the call so
/// that a refusal is a gRPC status with a message rather than a broken handshake), the gRPC service with a message
/// size limit, the registry, the metrics, and the twin listening to the agents' coherence measurements.
/// </summary>
internal static class AgentEndpoint
{
    /// <summary>Largest message accepted from an agent, bytes; a larger one is refused with ResourceExhausted.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    public static void ListenAgents(this KestrelServerOptions kestrel, IPAddress address, int port, X509Certificate2 serverCertificate)
    {
        kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = serverCertificate,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                CheckCertificateRevocation = false,
                ClientCertificateValidation = (_, _, _) => true,
            });
        });
    }

    public static void AddNodeAgents(this IServiceCollection services, Scenario scenario, X509Certificate2 ca)
    {
        services.AddGrpc(g =>
        {
            g.MaxReceiveMessageSize = MaxMessageBytes;
            g.MaxSendMessageSize = MaxMessageBytes;
            g.EnableDetailedErrors = false;
        });
        services.AddSingleton(new NodeCertificates(ca));
        services.AddSingleton(new NodeNominals(scenario.Nodes.Where(n => double.IsFinite(n.Memory.T2Seconds))
            .ToDictionary(n => n.Id, n => n.Memory.T2Seconds, StringComparer.Ordinal)));
        services.AddSingleton(sp =>
        {
            var registry = new AgentRegistry(scenario.Nodes.Select(n => n.Id), sp.GetRequiredService<TimeProvider>());
            var commands = sp.GetRequiredService<Twin.TwinCommandQueue>();
            // A full control queue drops this measurement; the agent's next one (a second later) carries the same news.
            registry.CoherenceMeasured = (node, t2) => commands.TryEnqueue(control: true, twin => twin.UseAgentCoherence(node, t2));
            return registry;
        });
        services.AddSingleton(sp => new AgentMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<AgentRegistry>()));
    }

    public static void MapNodeAgents(this WebApplication app)
    {
        app.Services.GetRequiredService<AgentMetrics>();
        // qnet_node_reachable into the twin's metric history too, so the in-process rules raise QNetNodeUnreachable (and its incident).
        var registry = app.Services.GetRequiredService<AgentRegistry>();
        app.Services.GetRequiredService<Telemetry.TwinHistory>().BeforeSample = registry.SampleReachability;
        app.MapGrpcService<AgentControlService>();
        Apis.AgentsApi.MapAgentsApi(app);
    }

    /// <summary>The agent endpoint's bound port: the server's one https address.</summary>
    public static int? BoundPort(IServer server) => server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
        .Select(a => new Uri(a)).FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttps)?.Port;
}
