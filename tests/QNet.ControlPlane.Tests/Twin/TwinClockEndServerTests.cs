using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QNet.ControlPlane.Apis;
using QNet.ControlPlane.GameDays;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Tests.Support;
using QNet.ControlPlane.Twin;
using QNet.Kernel;

namespace QNet.ControlPlane.Tests.Twin;

/// <summary>
/// The real control plane (the code <c>qnet up</c> runs) started an hour of simulated time before the end of the twin's
/// clock, at a time factor of 2000: it reaches the end within seconds, stops there, reports it (the QNetTwinClockEnding
/// ticket too) and keeps serving.
/// </summary>
[Collection("servers")]
public sealed class TwinClockEndServerTests : IDisposable
{
    private static readonly SimTime AnHourBeforeTheEnd = SimTime.Horizon - SimTime.FromSeconds(3600);

    private const string LiveDrill = """
        version: 1.0.0
        title: late drill
        description: A drill against a twin whose clock has ended.
        configuration: { scenario: metro, seed: 1 }
        steady-state-hypothesis:
          title: no page
          probes:
            - { name: link down, probe: alert, alert: QNetLinkDown, tolerance: [inactive] }
        method:
          - { type: action, name: cut, action: inject-fault, arguments: { kind: link-cut, target: carol-hub }, pauses: { after: 1min } }
        """;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-end-{Guid.NewGuid():N}");

    [Fact]
    public async Task Twin_ReachesTheClocksEnd_StopsThereDegradedAndKeepsServing()
    {
        await using var server = await ControlPlaneServer.StartAsync(TwoLinkNetwork.TimeFactor, TwoLinkNetwork.Scenario,
            configure: o => o with { TwinStart = AnHourBeforeTheEnd });

        var (status, health) = await EndedAsync(server.Anonymous);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("degraded", health.Status);
        Assert.Equal(SimTime.Horizon.Seconds, health.SimulatedSeconds);
        Assert.Equal(0, health.ClockRemainingSeconds);
        Assert.Equal(0, health.LagSeconds); // a stopped twin does not lag: its target stops at the end too
        var metrics = await server.Anonymous.GetStringAsync("metrics");
        Assert.Equal(0, Assert.Single(PrometheusText.Values(metrics, "qnet_twin_clock_remaining_seconds")));
        Assert.Equal(SimTime.Horizon.Seconds, Assert.Single(PrometheusText.Values(metrics, "qnet_twin_simulated_seconds")));

        // Commands still run on the simulation thread, at the end: a repair or a session end due past it never comes, without an overflow.
        using var fault = await server.Operator.PostAsync("api/v1/faults", ControlPlaneServer.Json("""{"kind":"link-cut","target":"alice-bob","duration":2592000}"""));
        Assert.True(fault.StatusCode == HttpStatusCode.Created, $"{fault.StatusCode}: {await fault.Content.ReadAsStringAsync()}");
        using var session = await server.Operator.PostAsync("api/v1/sessions",
            ControlPlaneServer.Json("""{"id":"late","source":"bob","destination":"carol","minFidelity":0.5,"durationSeconds":2592000}"""));
        Assert.True(session.StatusCode == HttpStatusCode.Created, $"{session.StatusCode}: {await session.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.OK, (await server.Viewer.GetAsync("api/v1/topology")).StatusCode);

        // A live game day against the ended twin is refused before it injects anything, naming the cause and the way out.
        var drill = ExperimentLoader.Parse(LiveDrill, "live.yaml", ".");
        Assert.Empty(drill.Errors);
        using (var api = new LiveApi(server.Host.ApiUrl, server.OperatorToken, CancellationToken.None))
        {
            var refused = Assert.Throws<LiveTargetException>(() => new LiveTarget(api, drill.Experiment!, CancellationToken.None));
            Assert.Contains("clock", refused.Message, StringComparison.Ordinal);
            Assert.Contains("has ended", refused.Message, StringComparison.Ordinal);
            Assert.Contains("restart `qnet up`", refused.Message, StringComparison.Ordinal);
        }
        Assert.Single((await server.Viewer.GetFromJsonAsync<FaultView[]>("api/v1/faults"))!); // only the fault above

        // The in-process rules saw less than three days left (pending, or firing after a minute of twin time: the last
        // simulated hour passes in under two wall seconds here, and the evaluation beside the steps stops with the clock).
        var ticket = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var alerts = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/alerts"));
            return alerts.EnumerateArray().Where(a => a.GetProperty("name").GetString() == "QNetTwinClockEnding").Select(a => (JsonElement?)a).FirstOrDefault() is { } a
                ? Tuple.Create(a) : null;
        }, "the QNetTwinClockEnding alert");
        Assert.Equal("ticket", ticket.Item1.GetProperty("labels").GetProperty("severity").GetString());

        var runner = server.Host.Services.GetRequiredService<TwinRunner>();
        Assert.False(runner.ExecuteTask!.IsCompleted, "the twin's run loop ended");
        Assert.Equal(SimTime.Horizon.Seconds, server.Host.Services.GetRequiredService<QNet.ControlPlane.Twin.Twin>().Snapshot.SimulatedSeconds);
    }

    [Fact]
    public async Task Restart_AfterTheClocksEnd_StartsTheClockAgainFromZeroWithTheSessions()
    {
        var data = Path.Combine(_root, "data");
        var options = new ControlPlaneOptions(data, 0, 0, timeFactor: TwoLinkNetwork.TimeFactor)
        {
            Scenario = TwoLinkNetwork.Scenario,
            MasterKeyFile = ControlPlaneServer.MasterKeyFileUnder(_root),
        };
        await using (var ended = await ControlPlaneHost.StartAsync(options with { TwinStart = AnHourBeforeTheEnd }, TimeProvider.System))
        {
            var token = await ControlPlaneAdministration.CreateTokenAsync(data, null, "operator", "end", TimeProvider.System);
            using var client = new HttpClient { BaseAddress = ended.ApiUrl };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            using var created = await client.PostAsync("api/v1/sessions", ControlPlaneServer.Json("""{"id":"kept","source":"bob","destination":"carol","minFidelity":0.5}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            await EndedAsync(client);
        }

        await using var restarted = await ControlPlaneHost.StartAsync(options, TimeProvider.System);
        using var again = new HttpClient { BaseAddress = restarted.ApiUrl };
        using var response = await again.GetAsync("health");
        var health = (await response.Content.ReadFromJsonAsync<HealthView>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", health.Status);
        Assert.Null(health.Reason);
        Assert.True(health.SimulatedSeconds < 86_400, $"the restarted twin's clock is at {health.SimulatedSeconds} s");
        Assert.Equal(SimTime.Horizon.Seconds - health.SimulatedSeconds, health.ClockRemainingSeconds!.Value, 3);
        var kept = restarted.Services.GetRequiredService<QNet.ControlPlane.Twin.Twin>().Sessions["kept"];
        Assert.Equal("running", Network.Sessions.SessionNames.Of(kept.Outcome));
    }

    // Polls /health until the twin reports its clock ended.
    private static async Task<(HttpStatusCode Status, HealthView Health)> EndedAsync(HttpClient client)
    {
        var answer = await ControlPlaneServer.EventuallyAsync<Tuple<HttpStatusCode, HealthView>>(async () =>
        {
            using var response = await client.GetAsync("health");
            var view = await response.Content.ReadFromJsonAsync<HealthView>();
            return view?.Reason == "clock-ended" ? Tuple.Create(response.StatusCode, view) : null;
        }, "the twin's clock to end");
        return (answer.Item1, answer.Item2);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
