using QNet.ControlPlane.Hosting;
using QNet.Network.Scenarios;

namespace QNet.Benchmarks.ControlPlane;

/// <summary>A control plane on free loopback ports over a temporary data folder, for benchmarks.</summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly string _root;

    private BenchServer(string root, ControlPlaneHandle host, string token)
    {
        _root = root;
        Host = host;
        Client = new HttpClient { BaseAddress = host.ApiUrl };
        Client.DefaultRequestHeaders.Authorization = new("Bearer", token);
    }

    public ControlPlaneHandle Host { get; }
    public HttpClient Client { get; }

    public static async Task<BenchServer> StartAsync(Scenario? scenario, double timeFactor)
    {
        var root = Path.Combine(Path.GetTempPath(), $"qnet-bench-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        var host = await ControlPlaneHost.StartAsync(new ControlPlaneOptions(data, 0, 0, null, timeFactor) { Scenario = scenario, MasterKeyFile = Path.Combine(root, "secrets", "master.key") }, TimeProvider.System);
        var token = await ControlPlaneAdministration.CreateTokenAsync(data, null, "operator", "bench", TimeProvider.System);
        return new BenchServer(root, host, token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
