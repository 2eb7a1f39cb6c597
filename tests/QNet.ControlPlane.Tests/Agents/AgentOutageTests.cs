using System.Globalization;
using System.Text.RegularExpressions;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Pki;
using QNet.ControlPlane.Tests.Hosting;
using QNet.ControlPlane.Tests.Support;
using QNet.Sre;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Agents;

/// <summary>
/// Real processes: <c>qnet up</c> and one <c>qnet agent</c> (a small buffer, so drops happen) with a
/// <see cref="LoopbackTcpProxy"/> between them. The path is cut (connections reset, new ones refused), then stalled
/// (bytes held, nobody told), then the control plane is killed (-9) and started again on the same data directory. Each
/// time the node goes unreachable, the agent buffers, reconnects and resends, and the control plane's sequence numbers
/// show that every batch the agent did not count as dropped was applied, once.
/// </summary>
[Collection("servers")]
public sealed partial class AgentOutageTests : IDisposable
{
    private const string Node = "carol";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-agent-outage-{Guid.NewGuid():N}");
    private string Data => Path.Combine(_root, "data");
    private string MasterKey => ControlPlaneServer.MasterKeyFileUnder(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Agent_ControlPlaneCutStalledAndRestarted_BuffersReconnectsAndEveryKeptBatchArrivesOnce()
    {
        var up = await QnetUpProcess.StartAsync(Data, MasterKey, timeFactor: 20, "--agent-port", "0");
        await using var proxy = new LoopbackTcpProxy(AgentPort(up));
        new DevPki(Path.Combine(Data, "pki"), TimeProvider.System).IssueNode(Node);
        string token = await ControlPlaneAdministration.CreateTokenAsync(Data, null, "viewer", "test", TimeProvider.System);
        var api = up.ApiClient(token);
        // 20 batches of 0.2 s: the buffer overflows after 4 s away.
        using var agent = AgentProcess.Start("--node", Node, "--control-plane", $"https://127.0.0.1:{proxy.Port}", "--data", Data, "--seed", "7",
            "--interval", "0.2", "--buffer", "20");
        try
        {
            await CarolAsync(api, agent, c => c.Batches >= 5, "carol's telemetry through the proxy");

            // 1. Cut: both connections reset, new ones refused. The node goes unreachable and its alert fires; the agent buffers and drops.
            int mark = agent.Output.Count;
            await proxy.CutAsync();
            await CarolAsync(api, agent, c => c.State == "unreachable", "carol to go unreachable after the cut");
            Assert.Equal([0.0], PrometheusText.Values(await api.GetStringAsync("metrics"), MetricCatalogue.NodeReachable, ("node", Node)));
            await ControlPlaneServer.EventuallyAsync(async () => await FiringAsync(api) ? (object)true : null, "QNetNodeUnreachable to fire for carol", attempts: 1200);
            var buffering = await AgentLineAsync(agent, mark, UnreachableLine(), m => Long(m, 3) > 0, "the agent to log dropped batches while cut off");
            Assert.Equal(20, Long(buffering, 2)); // full

            proxy.Restore();
            var registered = await AgentLineAsync(agent, mark, RegisteredLine(), _ => true, "the agent to register again after the cut");
            Assert.Equal(20, Long(registered, 1));
            long resentLast = Long(registered, 3), dropped = Long(registered, 4);
            Assert.True(dropped >= Long(buffering, 3), $"drops only grow: {registered.Value} after {buffering.Value}");
            var back = await CarolAsync(api, agent, c => c.State == "reachable" && c.LastSequence > resentLast, "carol reachable with batches past the resent ones");
            Assert.Equal(2, back.Connections);
            // What the agent counted as dropped (a read may still evict one before the resend is written) is exactly the
            // sequences the control plane never applied; every other one was applied once.
            Assert.InRange(back.DroppedBatches, dropped, dropped + 1);
            Assert.Equal(back.DroppedBatches, back.MissedBatches);
            Assert.Equal(back.LastSequence - back.MissedBatches, back.Batches);
            Assert.Equal([1.0], PrometheusText.Values(await api.GetStringAsync("metrics"), MetricCatalogue.NodeReachable, ("node", Node)));

            // 2. Stall: bytes held both ways, nobody told. The control plane marks the silent node unreachable; the agent's
            // buffer overflows with batches already written. When the path flows again those arrive: none counts as dropped.
            var beforeStall = await CarolAsync(api, agent, _ => true, "carol's state");
            proxy.Freeze();
            await CarolAsync(api, agent, c => c.State == "unreachable", "carol to go unreachable while the path is stalled");
            proxy.Restore();
            var afterStall = await CarolAsync(api, agent, c => c.State == "reachable" && c.LastSequence >= beforeStall.LastSequence + 50 && c.MissedBatches == c.DroppedBatches,
                "carol's batches from the stall to arrive with the drops the agent counted equal to the sequences missed");
            Assert.Equal(afterStall.LastSequence - afterStall.MissedBatches, afterStall.Batches);

            // 3. kill -9 and a restart on the same data directory (another agent port: the proxy follows it).
            mark = agent.Output.Count;
            up.Kill();
            var lost = await AgentLineAsync(agent, mark, UnreachableLine(), _ => true, "the agent to notice the control plane is gone");
            Assert.Equal("0.25", lost.Groups[1].Value); // the backoff started again after the last registered stream
            up.Dispose();
            api.Dispose();
            up = await QnetUpProcess.StartAsync(Data, MasterKey, timeFactor: 20, "--agent-port", "0");
            api = up.ApiClient(token);
            proxy.Target = AgentPort(up);
            registered = await AgentLineAsync(agent, mark, RegisteredLine(), _ => true, "the agent to register with the restarted control plane");
            long firstResent = Long(registered, 2);
            Assert.True(Long(registered, 1) > 0, registered.Value);
            resentLast = Long(registered, 3);
            var restarted = await CarolAsync(api, agent, c => c.State == "reachable" && c.LastSequence > resentLast, "carol reachable at the restarted control plane");
            Assert.Equal(1, restarted.Connections);
            // The restarted control plane knows nothing before the first resent batch; from there on it has every one but
            // those the agent dropped since it registered (at most one, evicted before the resend was written).
            long droppedSince = restarted.DroppedBatches - Long(registered, 4);
            Assert.InRange(droppedSince, 0, 1);
            Assert.Equal(firstResent - 1 + droppedSince, restarted.MissedBatches);

            int exit = await agent.StopAsync();
            Assert.True(exit == 0, $"the agent stopped with {exit}:\n" + string.Join('\n', agent.Output.TakeLast(10)));
            var stopping = StoppingLine().Match(agent.Output.Last(l => l.StartsWith("stopping:", StringComparison.Ordinal)));
            Assert.Equal(restarted.DroppedBatches, Long(stopping, 2));
        }
        finally
        {
            agent.Kill();
            api.Dispose();
            up.Dispose();
        }
    }

    private sealed record Carol(string State, long Connections, long Batches, long DroppedBatches, long LastSequence, long MissedBatches);

    private static async Task<Carol> CarolAsync(HttpClient api, AgentProcess agent, Func<Carol, bool> done, string what)
    {
        for (int i = 0; i < 1200; i++)
        {
            try
            {
                var c = (await ControlPlaneServer.ReadJsonAsync(await api.GetAsync("api/v1/agents"))).EnumerateArray().Single(a => a.GetProperty("node").GetString() == Node);
                var carol = new Carol(c.GetProperty("state").GetString()!, c.GetProperty("connections").GetInt64(), c.GetProperty("batches").GetInt64(),
                    c.GetProperty("droppedBatches").GetInt64(), c.GetProperty("lastSequence").GetInt64(), c.GetProperty("missedBatches").GetInt64());
                if (done(carol))
                {
                    return carol;
                }
            }
            catch (HttpRequestException)
            {
                // the control plane is still starting
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"gave up waiting for {what}; the agent's last lines:\n" + string.Join('\n', agent.Output.TakeLast(8)));
    }

    private static async Task<Match> AgentLineAsync(AgentProcess agent, int from, Regex pattern, Func<Match, bool> accept, string what)
    {
        for (int i = 0; i < 1200; i++)
        {
            if (agent.Output.Skip(from).Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success && accept(m)) is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"gave up waiting for {what}; the agent's last lines:\n" + string.Join('\n', agent.Output.TakeLast(8)));
    }

    private static async Task<bool> FiringAsync(HttpClient api)
    {
        var alerts = await ControlPlaneServer.ReadJsonAsync(await api.GetAsync("api/v1/alerts"));
        return alerts.EnumerateArray().Any(a => a.GetProperty("name").GetString() == "QNetNodeUnreachable" && a.GetProperty("status").GetString() == "firing"
            && a.GetProperty("labels").GetProperty("node").GetString() == Node);
    }

    private static long Long(Match m, int group) => long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int AgentPort(QnetUpProcess up)
    {
        var line = up.Output.First(l => l.StartsWith("node agents:", StringComparison.Ordinal));
        return int.Parse(AgentUrlLine().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"https://127\.0\.0\.1:(\d+)")]
    private static partial Regex AgentUrlLine();

    [GeneratedRegex(@"^control plane unreachable \(.*\); retrying in ([\d.]+) s, (\d+) batches buffered, (\d+) dropped$")]
    private static partial Regex UnreachableLine();

    [GeneratedRegex(@"^registered node carol \(protocol [\d.]+\); resending (\d+) buffered batches \(sequences (\d+)-(\d+)\), (\d+) dropped so far$")]
    private static partial Regex RegisteredLine();

    [GeneratedRegex(@"^stopping: (\d+) batches unsent, (\d+) dropped$")]
    private static partial Regex StoppingLine();
}
