using System.Net;
using System.Text.RegularExpressions;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Pki;
using QNet.ControlPlane.Tests.Hosting;
using QNet.ControlPlane.Tests.Support;
using QNet.Sre;

namespace QNet.ControlPlane.Tests.Agents;

/// <summary>
/// Real processes: <c>qnet up --agent-port 0</c> on the metro network and one <c>qnet agent</c> per node. All register;
/// with sessions running, one agent is killed (-9): its node goes unreachable (API and <c>qnet_node_reachable</c>)
/// while the others stay reachable, and it recovers when the agent is started again. An agent with a wrong certificate
/// exits 2 with the control plane's reason and the node stays without an agent.
/// </summary>
[Collection("servers")]
public sealed partial class AgentProcessTests : IDisposable
{
    private static readonly string[] MetroNodes = ["alice", "bob", "carol", "dave", "r1", "r2", "hub"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-agent-proc-{Guid.NewGuid():N}");
    private string Data => Path.Combine(_root, "data");
    private string MasterKey => ControlPlaneServer.MasterKeyFileUnder(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Agents_MetroNodesKillOneUnderLoad_UnreachableThenRecoversOnRestart()
    {
        using var up = await QnetUpProcess.StartAsync(Data, MasterKey, timeFactor: 20, "--agent-port", "0");
        var url = AgentUrl(up);
        var pki = new DevPki(Path.Combine(Data, "pki"), TimeProvider.System);
        foreach (var node in MetroNodes)
        {
            pki.IssueNode(node);
        }
        var token = await ControlPlaneAdministration.CreateTokenAsync(Data, null, "operator", "test", TimeProvider.System);
        using var api = new HttpClient { BaseAddress = up.ApiUrl };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var agents = MetroNodes.ToDictionary(n => n, n => Start(n, url));
        try
        {
            await StatesAsync(api, s => MetroNodes.All(n => s[n] == "reachable"), "every metro node's agent to be reachable", agents);
            using (var session = await api.PostAsync("api/v1/sessions", ControlPlaneServer.Json("""{"id":"load","source":"alice","destination":"bob","minFidelity":0.85}""")))
            {
                Assert.Equal(HttpStatusCode.Created, session.StatusCode);
            }

            agents["r2"].Kill();
            var states = await StatesAsync(api, s => s["r2"] == "unreachable", "r2 to go unreachable", agents);
            Assert.All(MetroNodes.Where(n => n != "r2"), n => Assert.Equal("reachable", states[n]));
            Assert.Equal([0.0], PrometheusText.Values(await api.GetStringAsync("metrics"), MetricCatalogue.NodeReachable, ("node", "r2")));

            agents["r2"].Dispose();
            agents["r2"] = Start("r2", url);
            await StatesAsync(api, s => s["r2"] == "reachable", "r2 to be reachable again", agents);
            Assert.Equal([1.0], PrometheusText.Values(await api.GetStringAsync("metrics"), MetricCatalogue.NodeReachable, ("node", "r2")));

            // The restarted agent carries out an operator's command.
            using var command = await api.PostAsync("api/v1/agents/r2/commands", ControlPlaneServer.Json("""{"kind":"report-state"}"""));
            Assert.Equal(HttpStatusCode.OK, command.StatusCode);
            var state = (await ControlPlaneServer.ReadJsonAsync(command)).GetProperty("state");
            Assert.Equal(10, state.GetProperty("memory-0.t2_seconds").GetDouble()); // the nominal T2 the control plane sent
        }
        finally
        {
            foreach (var a in agents.Values)
            {
                a.Dispose();
            }
        }
    }

    [Fact]
    public async Task Agent_MeasuresLowT2_TwinM5DropsWithoutApiCall()
    {
        using var up = await QnetUpProcess.StartAsync(Data, MasterKey, timeFactor: 60, "--agent-port", "0");
        new DevPki(Path.Combine(Data, "pki"), TimeProvider.System).IssueNode("carol");
        using var agent = Start("carol", AgentUrl(up), "--memory-t2", "3");
        using var metrics = new HttpClient { BaseAddress = up.ApiUrl };

        async Task<object?> CarolM5(Func<double, bool> accept)
        {
            var v = PrometheusText.Values(await metrics.GetStringAsync("metrics"), MetricCatalogue.MemoryCoherenceTimeSeconds, ("node", "carol"));
            return v.Count == 1 && accept(v[0]) ? v[0] : null;
        }
        var fallen = (double)await ControlPlaneServer.EventuallyAsync(() => CarolM5(v => v < 6), "carol's M5 to fall", attempts: 1200);
        // The first estimate after the drop still waits the old T2 (little signal, a wide spread); the next waits about the
        // new one. The twin's probe (≈4 % noise then) and the agent's estimate (≈2.5 %) both measure a 3 s memory.
        var m5 = (double)await ControlPlaneServer.EventuallyAsync(() => CarolM5(v => v != fallen), "carol's next probe", attempts: 1200);
        Assert.InRange(m5, 3 * 0.8, 3 * 1.2);
        var others = PrometheusText.Values(await metrics.GetStringAsync("metrics"), MetricCatalogue.MemoryCoherenceTimeSeconds, ("node", "dave"));
        Assert.InRange(others.Single(), 8, 12);
    }

    [Theory]
    [InlineData("another-node")]
    [InlineData("sae")]
    public async Task Agent_WrongCertificate_ExitsTwoWithReasonNodeUnchanged(string which)
    {
        using var up = await QnetUpProcess.StartAsync(Data, MasterKey, timeFactor: 20, "--agent-port", "0");
        var pki = new DevPki(Path.Combine(Data, "pki"), TimeProvider.System);
        var certificate = which == "sae" ? pki.IssueSae("sae-bob") : pki.IssueNode("alice");

        using var agent = Start("bob", AgentUrl(up), "--cert", certificate.CertificatePath, "--key", certificate.KeyPath);

        Assert.Equal(2, await agent.ExitCodeAsync());
        string error = string.Join("\n", agent.Output.Where(l => l.StartsWith("stderr: ", StringComparison.Ordinal)));
        Assert.Contains(which == "sae" ? "not a node certificate" : "names node 'alice', but the agent claims node 'bob'", error, StringComparison.Ordinal);
        using var api = new HttpClient { BaseAddress = up.ApiUrl };
        var token = await ControlPlaneAdministration.CreateTokenAsync(Data, null, "viewer", "test", TimeProvider.System);
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var states = await ReadStatesAsync(api);
        Assert.Equal("no-agent", states["bob"]);
    }

    private AgentProcess Start(string node, string url, params string[] extra) =>
        AgentProcess.Start([.. new[] { "--node", node, "--control-plane", url, "--data", Data, "--seed", "7" }, .. extra]);

    private static string AgentUrl(QnetUpProcess up)
    {
        var line = up.Output.FirstOrDefault(l => l.StartsWith("node agents:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("qnet up printed no agent endpoint:\n" + string.Join('\n', up.Output));
        return "https://127.0.0.1:" + AgentPortPattern().Match(line).Groups[1].Value;
    }

    private static async Task<Dictionary<string, string>> StatesAsync(HttpClient api, Func<Dictionary<string, string>, bool> done, string what,
        Dictionary<string, AgentProcess> agents)
    {
        for (int i = 0; i < 600; i++)
        {
            var states = await ReadStatesAsync(api);
            if (done(states))
            {
                return states;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"gave up waiting for {what}; agent output:\n" +
            string.Join('\n', agents.SelectMany(a => a.Value.Output.TakeLast(5).Select(l => a.Key + ": " + l))));
    }

    private static async Task<Dictionary<string, string>> ReadStatesAsync(HttpClient api)
    {
        using var response = await api.GetAsync("api/v1/agents");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ControlPlaneServer.ReadJsonAsync(response)).EnumerateArray()
            .ToDictionary(a => a.GetProperty("node").GetString()!, a => a.GetProperty("state").GetString()!, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"https://127\.0\.0\.1:(\d+)")]
    private static partial Regex AgentPortPattern();
}
