using System.Globalization;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Pki;
using QNet.ControlPlane.Tests.Hosting;
using QNet.ControlPlane.Tests.Support;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Agents;

/// <summary>
/// <c>qnet agent --vendor-feed FILE --vendor-mapping M</c>: a device controller appends JSON lines in its vendor's names and
/// units; the agent reads them, maps them to QNet's names and base units and the control plane shows them. A feed the
/// agent cannot read is refused at start, naming the option.
/// </summary>
public sealed partial class AgentProcessTests
{
    private static string PhotonixMapping => Path.Combine(QnetPaths.RepositoryRoot, "deploy", "agents", "vendors", "photonix", "mapping.yaml");

    [Fact]
    public async Task Agent_VendorFeedFile_ControllerReadingsReachTheControlPlaneInBaseUnits()
    {
        using var up = await QnetUpProcess.StartAsync(Data, MasterKey, timeFactor: 20, "--agent-port", "0");
        new DevPki(Path.Combine(Data, "pki"), TimeProvider.System).IssueNode("carol");
        var feed = Path.Combine(_root, "spd4.jsonl");
        File.WriteAllText(feed, "");
        using var agent = Start("carol", AgentUrl(up), "--vendor-mapping", PhotonixMapping, "--vendor-feed", feed, "--interval", "0.2");
        var token = await ControlPlaneAdministration.CreateTokenAsync(Data, null, "viewer", "test", TimeProvider.System);
        using var api = new HttpClient { BaseAddress = up.ApiUrl };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // The controller writes a dark-count rate of 0.042 kHz and a memory T2 of 1480 µs (Photonix units).
        string ts = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        File.AppendAllText(feed,
            $$"""{"ts": "{{ts}}", "dev": "spd4-0117", "ch": "spd-a", "param": "DarkRate", "val": 0.042}""" + "\n" +
            $$"""{"ts": "{{ts}}", "dev": "qm2-0042", "ch": "mem-0", "param": "T2", "val": 1480}""" + "\n");

        var latest = (Dictionary<string, double>)await ControlPlaneServer.EventuallyAsync(async () =>
        {
            using var response = await api.GetAsync("api/v1/agents");
            var carol = (await ControlPlaneServer.ReadJsonAsync(response)).EnumerateArray().Single(a => a.GetProperty("node").GetString() == "carol");
            var values = carol.GetProperty("latest").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            return values.Keys.Any(k => k.StartsWith("qnet_detector_dark_count_rate_hertz", StringComparison.Ordinal)) ? (object)values : null;
        }, "carol's vendor readings at the control plane", attempts: 1200);

        Assert.Equal(42, latest.Single(kv => kv.Key.StartsWith("qnet_detector_dark_count_rate_hertz", StringComparison.Ordinal) && kv.Key.Contains("device=\"spd-a\"", StringComparison.Ordinal)).Value, 9);
        Assert.Equal(1.48e-3, latest.Single(kv => kv.Key.StartsWith("qnet_memory_coherence_time_seconds", StringComparison.Ordinal)).Value, 12);
        Assert.Contains(agent.Output, l => l.Contains("feed " + feed, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/telemetry", "--vendor-feed: 'ftp://127.0.0.1/telemetry' is a ftp URL; only http and https URLs (or a file path) are read")]
    [InlineData("missing.jsonl", "--vendor-feed: no file at")]
    public async Task Agent_UnreadableVendorFeed_ExitsTwoNamingTheOption(string location, string message)
    {
        using var agent = AgentProcess.Start("--node", "carol", "--control-plane", "https://127.0.0.1:1", "--data", Data,
            "--vendor-mapping", PhotonixMapping, "--vendor-feed", location);

        Assert.Equal(2, await agent.ExitCodeAsync());
        Assert.Contains(agent.Output, l => l.Contains(message, StringComparison.Ordinal));
    }
}
