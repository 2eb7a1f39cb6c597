using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Agents;

/// <summary>
/// <c>QNetNodeUnreachable</c> raised by the control plane's own rule engine, without Prometheus: a node's agent goes
/// silent (its stream ends), <c>qnet_node_reachable</c> 0 is sampled into the twin's metric history, the alert fires
/// after its minute (of twin time) and an incident opens with it; the agent comes back, the alert resolves and the
/// incident closes by itself.
/// </summary>
[Collection("servers")]
public sealed class NodeUnreachableAlertTests
{
    private const string Node = "carol";

    [Fact]
    public async Task AgentSilent_AlertFiresInProcessAndAnIncidentOpens_AgentBack_BothResolve()
    {
        await using var server = await AgentTestServer.StartAsync(timeFactor: 60);
        var certificate = server.NodeCertificate(Node);

        var client = server.Client(certificate, out var channel);
        using (channel)
        using (var call = client.Connect())
        {
            await call.RequestStream.WriteAsync(AgentTestServer.Register(Node));
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            await WaitForStateAsync(server, "reachable");
            await call.RequestStream.CompleteAsync(); // the agent goes away
        }
        await WaitForStateAsync(server, "unreachable");

        var firing = await ControlPlaneServer.EventuallyAsync(async () => (await AlertAsync(server)) is { } a && a.GetProperty("status").GetString() == "firing" ? (object)a : null,
            "QNetNodeUnreachable to fire in process", attempts: 1200);
        Assert.Equal(Node, ((JsonElement)firing).GetProperty("labels").GetProperty("node").GetString());
        var incident = (JsonElement)await ControlPlaneServer.EventuallyAsync(async () => await IncidentAsync(server) is { } i ? (object)i : null,
            "an incident with QNetNodeUnreachable", attempts: 600);
        Assert.Equal("open", incident.GetProperty("state").GetString());
        string id = incident.GetProperty("id").GetString()!;

        var again = server.Client(certificate, out var channelAgain);
        using (channelAgain)
        using (var call = again.Connect())
        {
            await call.RequestStream.WriteAsync(AgentTestServer.Register(Node));
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            // This time the agent stays: it heartbeats every second (a silent one would go unreachable again after 5 s).
            using var stopBeating = new CancellationTokenSource();
            var beating = Task.Run(async () =>
            {
                while (!stopBeating.IsCancellationRequested)
                {
                    await call.RequestStream.WriteAsync(new QNet.Agent.Protocol.V1.AgentMessage { Heartbeat = new() { AtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() } });
                    await Task.Delay(TimeSpan.FromSeconds(1), stopBeating.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            });
            await WaitForStateAsync(server, "reachable");

            await ControlPlaneServer.EventuallyAsync(async () => (await AlertAsync(server)) is { } a && a.GetProperty("status").GetString() == "resolved" ? (object)a : null,
                "QNetNodeUnreachable to resolve once the agent is back", attempts: 1200);
            var closed = await ControlPlaneServer.EventuallyAsync(async () =>
            {
                var detail = await ControlPlaneServer.ReadJsonAsync(await server.Operator.GetAsync($"api/v1/incidents/{id}"));
                return detail.GetProperty("state").GetString() == "resolved" ? (object)detail : null;
            }, "the incident to resolve by itself", attempts: 600);
            Assert.Equal("auto", ((JsonElement)closed).GetProperty("resolvedBy").GetString());
            await stopBeating.CancelAsync();
            await beating;
        }
    }

    private static async Task WaitForStateAsync(AgentTestServer server, string state) =>
        await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var agents = await ControlPlaneServer.ReadJsonAsync(await server.Operator.GetAsync("api/v1/agents"));
            return agents.EnumerateArray().Any(a => a.GetProperty("node").GetString() == Node && a.GetProperty("state").GetString() == state) ? (object)true : null;
        }, $"{Node}'s agent to be {state}", attempts: 600);

    private static async Task<JsonElement?> AlertAsync(AgentTestServer server)
    {
        var alerts = await ControlPlaneServer.ReadJsonAsync(await server.Operator.GetAsync("api/v1/alerts"));
        return alerts.EnumerateArray().Where(a => a.GetProperty("name").GetString() == "QNetNodeUnreachable").Select(a => (JsonElement?)a).LastOrDefault();
    }

    private static async Task<JsonElement?> IncidentAsync(AgentTestServer server)
    {
        var incidents = await ControlPlaneServer.ReadJsonAsync(await server.Operator.GetAsync("api/v1/incidents"));
        return incidents.EnumerateArray().Where(i => i.GetProperty("alerts").EnumerateArray().Any(a => a.GetProperty("name").GetString() == "QNetNodeUnreachable"))
            .Select(i => (JsonElement?)i).FirstOrDefault();
    }
}
