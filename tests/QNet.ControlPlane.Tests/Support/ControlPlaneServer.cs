using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using QNet.ControlPlane.Hosting;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Tests.Support;

/// <summary>
/// The real control plane in process (<see cref="ControlPlaneHost"/>, the same code <c>qnet up</c> runs) on free
/// loopback ports, over a fresh data folder, with an operator and a viewer token.
/// </summary>
public sealed class ControlPlaneServer : IAsyncDisposable
{
    private ControlPlaneServer(string root, ControlPlaneHandle host, string operatorToken, string viewerToken)
    {
        Root = root;
        Host = host;
        OperatorToken = operatorToken;
        ViewerToken = viewerToken;
        Anonymous = new HttpClient { BaseAddress = host.ApiUrl };
        Operator = Client(operatorToken);
        Viewer = Client(viewerToken);
    }

    public string Root { get; }
    public string DataDirectory => Path.Combine(Root, "data");
    public static string MasterKeyFileUnder(string root) => Path.Combine(root, "secrets", "master.key");
    public ControlPlaneHandle Host { get; }
    public string OperatorToken { get; }
    public string ViewerToken { get; }
    public HttpClient Anonymous { get; }
    public HttpClient Operator { get; }
    public HttpClient Viewer { get; }

    /// <summary>Starts a server on <paramref name="scenario"/> (null: the metro network); <paramref name="configure"/> changes further options.</summary>
    public static async Task<ControlPlaneServer> StartAsync(double timeFactor, Scenario? scenario = null, QNet.Sre.Alerting.AlertingOptions? alerting = null,
        Func<ControlPlaneOptions, ControlPlaneOptions>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), $"qnet-cp-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        var options = new ControlPlaneOptions(data, apiPort: 0, etsiPort: 0, timeFactor: timeFactor) { Scenario = scenario, MasterKeyFile = MasterKeyFileUnder(root), Alerting = alerting };
        options = configure?.Invoke(options) ?? options;
        var host = await ControlPlaneHost.StartAsync(options, TimeProvider.System);
        var op = await ControlPlaneAdministration.CreateTokenAsync(data, null, "operator", "test-operator", TimeProvider.System);
        var viewer = await ControlPlaneAdministration.CreateTokenAsync(data, null, "viewer", "test-viewer", TimeProvider.System);
        return new ControlPlaneServer(root, host, op, viewer);
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Host.ApiUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Polls <paramref name="probe"/> every 100 ms until it returns a value, at most <paramref name="attempts"/> times; fails with <paramref name="what"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, int attempts = 600) where T : class
    {
        for (int i = 0; i < attempts; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"gave up after {attempts} polls waiting for {what}");
    }

    public async ValueTask DisposeAsync()
    {
        Anonymous.Dispose();
        Operator.Dispose();
        Viewer.Dispose();
        await Host.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One metro-network server at time factor 2 shared by the API tests of a class.</summary>
public sealed class MetroServerFixture : IAsyncLifetime
{
    public ControlPlaneServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ControlPlaneServer.StartAsync(timeFactor: 2);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Tests that start servers or processes run one class at a time (2 shared cores).</summary>
[CollectionDefinition("servers", DisableParallelization = true)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "xunit collection definitions are conventionally named ...Collection.")]
public sealed class ServersCollection : ICollectionFixture<MetroServerFixture>;
