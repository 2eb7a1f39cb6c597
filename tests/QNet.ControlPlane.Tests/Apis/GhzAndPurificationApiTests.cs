using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Support;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Tests.Apis;

/// <summary>
/// GHZ sessions and purification policies requested over <c>POST /api/v1/sessions</c> run on the twin. The network is a
/// hub with two abstract links that deliver Werner pairs of a known fidelity into ideal memories (no decoherence) with no
/// herald delay, so every delivered state is known exactly and the mean delivered fidelity must equal the closed form to
/// floating-point accuracy (tolerance 1e-9).
/// </summary>
public sealed class GhzAndPurificationApiTests
{
    private const double HubBob = 0.9;
    private const double HubCarol = 0.8;

    private const string Yaml = """
        name: hub-and-two
        seed: 5
        nodes:
          - { id: hub, kind: end, memory: { slots: 8 } }
          - { id: bob, kind: end, memory: { slots: 8 }, processor: { qubits: 2, twoQubitGateError: 0.02, readoutError: 0.01 } }
          - { id: carol, kind: end, memory: { slots: 8 } }
        links:
          - { id: hub-bob, between: [hub, bob], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.9 }
          - { id: hub-carol, between: [hub, carol], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.8 }
        """;

    private static Scenario Network => ScenarioLoader.Parse(Yaml, "hub-and-two.yaml").Scenario!;

    [Fact]
    public async Task Create_GhzSession_RunsOnTheTwinWithTheFusionFidelity()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 10, Network);

        using var created = await server.Operator.PostAsync("api/v1/sessions",
            ControlPlaneServer.Json("""{"id":"ghz-1","source":"hub","destination":"bob","application":"ghz","parties":["carol"],"minFidelity":0.5}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("ghz", (await ControlPlaneServer.ReadJsonAsync(created)).GetProperty("application").GetString());
        var served = await DeliveredAsync(server, "ghz-1");
        // A three-qubit GHZ state of hub, bob and carol (the hub keeps a qubit, Network.Applications.GhzFusion): it survives the
        // pairs' errors when no bit flips and the phase flips are even, F = ½[Π(Φ+ + Φ−) + Π(Φ+ − Φ−)] = F1·F2 + (1 − F1)(1 − F2)/9
        // for Werner pairs (each Bell error (1 − F)/3).
        double expected = HubBob * HubCarol + (1 - HubBob) * (1 - HubCarol) / 9;
        Assert.Equal(expected, served.GetProperty("meanFidelity").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task Create_PurifiedSession_DeliversTheBbpsswFidelity()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 10, Network);

        using var created = await server.Operator.PostAsync("api/v1/sessions",
            ControlPlaneServer.Json("""{"id":"pur-1","source":"hub","destination":"bob","minFidelity":0.5,"purification":{"scheme":"bbpssw","rounds":1}}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var served = await DeliveredAsync(server, "pur-1");
        // One BBPSSW round on two Werner pairs of fidelity F (Bennett et al. 1996): F' = [F² + (1−F)²/9] / [F² + 2F(1−F)/3 + 5(1−F)²/9].
        const double f = HubBob;
        double expected = (f * f + (1 - f) * (1 - f) / 9) / (f * f + 2 * f * (1 - f) / 3 + 5 * (1 - f) * (1 - f) / 9);
        Assert.Equal(expected, served.GetProperty("meanFidelity").GetDouble(), 1e-9);
        Assert.True(expected > HubBob + 0.02); // the check has teeth: an unpurified pair would fail it
    }

    [Fact]
    public async Task Create_WithoutPipelining_IsAdmittedAndServed()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 10, Network);

        using var created = await server.Operator.PostAsync("api/v1/sessions",
            ControlPlaneServer.Json("""{"id":"np-1","source":"hub","destination":"carol","minFidelity":0.5,"pipelining":false}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var served = await DeliveredAsync(server, "np-1");
        Assert.Equal(HubCarol, served.GetProperty("meanFidelity").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task Create_ComputeSession_RunsRemoteCnotTasksWithTheClosedFormFidelity()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 10, Network);

        using var created = await server.Operator.PostAsync("api/v1/sessions",
            ControlPlaneServer.Json("""{"id":"cnot-1","source":"hub","destination":"bob","application":"compute","compute":{"circuit":"remote-cnot"},"pairs":40}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var done = (JsonElement)await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var s = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/sessions/cnot-1"));
            return s.GetProperty("outcome").GetString() == "completed" ? (object)s : null;
        }, "cnot-1 completed");
        Assert.Equal("compute", done.GetProperty("application").GetString());
        Assert.Equal(40, done.GetProperty("tasks").GetInt64());
        // Remote CNOT over a Werner pair on a processor with p₂ = 0.02, r = 0.01: F_e = (1 − p₂)[(1 − r)F + r(1 − F)/3] + p₂/8.
        double expected = (1 - 0.02) * ((1 - 0.01) * HubBob + 0.01 * (1 - HubBob) / 3) + 0.02 / 8;
        Assert.Equal(expected, done.GetProperty("applicationFidelity").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task Get_RunningComputeSessionTwice_TasksGrowWithTheClosedFormFidelity()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 10, Network);
        using var created = await server.Operator.PostAsync("api/v1/sessions",
            ControlPlaneServer.Json("""{"id":"cnot-live","source":"hub","destination":"bob","application":"compute","compute":{"circuit":"remote-cnot"},"durationSeconds":3600}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // The session's status stays running between the two reads: its figures must still move.
        var first = await RunningWithTasksAsync(server, "cnot-live", 1);
        long tasks = first.GetProperty("tasks").GetInt64();
        var second = await RunningWithTasksAsync(server, "cnot-live", tasks + 1);

        Assert.True(second.GetProperty("tasks").GetInt64() > tasks);
        double expected = (1 - 0.02) * ((1 - 0.01) * HubBob + 0.01 * (1 - HubBob) / 3) + 0.02 / 8;
        Assert.Equal(expected, first.GetProperty("applicationFidelity").GetDouble(), 1e-9);
        Assert.Equal(expected, second.GetProperty("applicationFidelity").GetDouble(), 1e-9);
    }

    [Theory]
    [InlineData("""{"source":"hub","destination":"carol","application":"compute"}""", "destination", "hosts no processor")]
    [InlineData("""{"source":"hub","destination":"bob","application":"ghz","parties":["bob"]}""", "parties[0]", "already a party")]
    [InlineData("""{"source":"hub","destination":"bob","application":"ghz","parties":["dave"]}""", "parties[0]", "not a node of the network")]
    [InlineData("""{"source":"hub","destination":"bob","parties":["carol"]}""", "parties", "applies only to ghz sessions")]
    [InlineData("""{"source":"hub","destination":"bob","purification":{"rounds":2}}""", "purification.scheme", "is required")]
    [InlineData("""{"source":"hub","destination":"bob","purification":{"scheme":"djemps"}}""", "purification.scheme", "did you mean 'dejmps'")]
    [InlineData("""{"source":"hub","destination":"bob","purification":{"scheme":"dejmps","round":2}}""", "purification.round", "is not a field")]
    [InlineData("""{"source":"hub","destination":"bob","pipelining":"no"}""", "pipelining", "is not valid here")]
    public async Task Create_BadGhzOrPurification_ProblemDetailsNamingTheField(string body, string field, string phrase)
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 10, Network);

        using var response = await server.Operator.PostAsync("api/v1/sessions", ControlPlaneServer.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ControlPlaneServer.ReadJsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors should name '{field}': {errors}");
        Assert.Contains(phrase, messages[0].GetString());
    }

    private static async Task<JsonElement> RunningWithTasksAsync(ControlPlaneServer server, string id, long atLeast) =>
        (JsonElement)await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var s = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync($"api/v1/sessions/{id}"));
            Assert.Equal("running", s.GetProperty("outcome").GetString());
            return s.GetProperty("tasks").GetInt64() >= atLeast ? (object)s : null;
        }, $"{atLeast} tasks of {id} while it runs");

    private static async Task<JsonElement> DeliveredAsync(ControlPlaneServer server, string id) =>
        (JsonElement)await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var s = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync($"api/v1/sessions/{id}"));
            return s.GetProperty("pairs").GetInt64() >= 20 ? (object)s : null;
        }, $"20 pairs delivered to {id}");
}
