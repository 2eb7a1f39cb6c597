using System.Net;
using System.Net.Http.Headers;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Pki;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// The metro control plane in process with <c>OtlpEndpoint</c> set to a loopback <see cref="OtlpReceiver"/>, at time
/// factor 5, with alice's and bob's SAE certificates issued so a test can fetch a QKD key (M8).
/// </summary>
public sealed class TracedServerFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-traced-{Guid.NewGuid():N}");

    public OtlpReceiver Receiver { get; } = new();
    public ControlPlaneHandle Host { get; private set; } = null!;
    public HttpClient Operator { get; private set; } = null!;
    public HttpClient Viewer { get; private set; } = null!;
    public string ViewerToken { get; private set; } = null!;

    private string Data => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        var masterKey = ControlPlaneServer.MasterKeyFileUnder(_root);
        foreach (var (sae, kme) in new[] { ("sae-alice", "alice"), ("sae-bob", "bob") })
        {
            await KmsAdministration.IssueSaeAsync(Data, sae, kme, null, masterKey, TimeProvider.System);
        }
        var options = new ControlPlaneOptions(Data, apiPort: 0, etsiPort: 0, timeFactor: 5) { MasterKeyFile = masterKey, OtlpEndpoint = Receiver.Endpoint };
        Host = await ControlPlaneHost.StartAsync(options, TimeProvider.System);
        var op = await ControlPlaneAdministration.CreateTokenAsync(Data, null, "operator", "test-operator", TimeProvider.System);
        ViewerToken = await ControlPlaneAdministration.CreateTokenAsync(Data, null, "viewer", "test-viewer", TimeProvider.System);
        Operator = Client(op);
        Viewer = Client(ViewerToken);
    }

    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = Host.ApiUrl, Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>Waits for the twin's first QKD block and fetches one key as alice's SAE, so M8 has a measurement.</summary>
    public async Task DeliverOneKeyAsync()
    {
        var pki = new DevPki(Path.Combine(Data, "pki"), TimeProvider.System);
        using var alice = EtsiSaeClient.Create(new Uri($"https://127.0.0.1:{Host.EtsiPort}/"), pki.LoadSaeCertificate("sae-alice"), pki.LoadCaCertificate());
        await ControlPlaneServer.EventuallyAsync(async () =>
        {
            using var r = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys?number=1&size=256");
            return r.StatusCode == HttpStatusCode.OK ? "key" : null;
        }, "a QKD key for sae-alice", attempts: 1200);
    }

    public async Task DisposeAsync()
    {
        Operator.Dispose();
        Viewer.Dispose();
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
