using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Apis;

/// <summary>
/// Faults through the API act on the network (QNet.Network.Faults) and the network recovers by itself when they clear:
/// on its own metro server (the shared one must stay healthy), at time factor 20.
/// </summary>
[Collection("servers")]
public sealed class FaultsApiTests
{
    private static readonly string[] MetroSessions = ["metro-alice-bob", "metro-carol-dave", "metro-alice-carol"];

    [Fact]
    public async Task LinkCut_ThenClear_SessionsSuspendedThenAllServeAgainAndLinkUp()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 20);
        await AllRunningAsync(server, "every metro session running before the cut");

        // alice's only entanglement link: both alice sessions lose their path, carol-dave keeps running.
        using var injected = await server.Operator.PostAsync("api/v1/faults", ControlPlaneServer.Json("""{"kind":"link-cut","target":"alice-r1"}"""));
        Assert.Equal(HttpStatusCode.Created, injected.StatusCode);
        var fault = await ControlPlaneServer.ReadJsonAsync(injected);
        Assert.Equal("link-cut", fault.GetProperty("kind").GetString());
        Assert.True(fault.GetProperty("active").GetBoolean());
        // Without a path they are suspended (waiting for re-admission), not failed: the network reports them failed meanwhile.
        Assert.Equal("suspended", await OutcomeAsync(server, "metro-alice-bob"));
        Assert.Equal("suspended", await OutcomeAsync(server, "metro-alice-carol"));
        Assert.Equal("running", await OutcomeAsync(server, "metro-carol-dave"));
        var list = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/sessions"));
        Assert.Equal(2, list.EnumerateArray().Count(s => s.GetProperty("outcome").GetString() == "suspended"));
        Assert.DoesNotContain(list.EnumerateArray(), s => s.GetProperty("outcome").GetString() == "failed");
        // A suspension is not a request outcome (M7): nothing is counted failed while they wait for re-admission.
        string metrics = await server.Viewer.GetStringAsync("metrics");
        Assert.Empty(PrometheusText.Values(metrics, "qnet_session_requests_total", ("outcome", "failed")));
        await ControlPlaneServer.EventuallyAsync(async () => (await LinkAsync(server, "alice-r1")).GetProperty("up").GetBoolean() ? null : (object)false,
            "alice-r1 to read down");

        using var cleared = await server.Operator.DeleteAsync($"api/v1/faults/{fault.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.False((await ControlPlaneServer.ReadJsonAsync(cleared)).GetProperty("active").GetBoolean());

        // Re-admitted at once when the link comes back (retry policy), and the links read up from their own health.
        await AllRunningAsync(server, "every metro session running again after the cut cleared");
        // The snapshot is published after each twin step, so the link view follows a step later.
        await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var links = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/links"));
            return links.EnumerateArray().All(l => l.GetProperty("up").GetBoolean()) ? (object)links : null;
        }, "every link to read up after the cut cleared");
        using var again = await server.Operator.DeleteAsync($"api/v1/faults/{fault.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Inject_WithDuration_ClearsItselfAfterItsRepairTime()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 20);
        using var injected = await server.Operator.PostAsync("api/v1/faults",
            ControlPlaneServer.Json("""{"kind":"memory-t2-drop","target":"hub","magnitude":0.5,"duration":60}"""));
        Assert.Equal(HttpStatusCode.Created, injected.StatusCode);
        var fault = await ControlPlaneServer.ReadJsonAsync(injected);
        Assert.Equal(60, fault.GetProperty("duration").GetDouble());
        string id = fault.GetProperty("id").GetString()!;
        await ControlPlaneServer.EventuallyAsync(async () => await T2Async(server, "hub") == 5 ? (object)true : null, "the hub's T2 to halve");

        var cleared = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var all = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/faults"));
            return all.EnumerateArray().FirstOrDefault(f => f.GetProperty("id").GetString() == id) is { ValueKind: JsonValueKind.Object } f
                && !f.GetProperty("active").GetBoolean() ? (object)f : null;
        }, "the fault to clear itself after 60 simulated seconds");
        Assert.NotEqual(JsonValueKind.Null, ((JsonElement)cleared).GetProperty("clearedAt").ValueKind);
        // Both times are twin time: the repair time is 60 simulated seconds between them. Stamped with the wall clock at
        // time factor 20, the injection would read seconds of twin time earlier than the twin's own clear.
        var injectedAt = fault.GetProperty("injectedAt").GetDateTimeOffset();
        var clearedAt = ((JsonElement)cleared).GetProperty("clearedAt").GetDateTimeOffset();
        Assert.Equal(60, (clearedAt - injectedAt).TotalSeconds, 0.001);
        await ControlPlaneServer.EventuallyAsync(async () => await T2Async(server, "hub") == 10 ? (object)true : null, "the hub's T2 back to 10 s");
    }

    private static async Task AllRunningAsync(ControlPlaneServer server, string what) =>
        await ControlPlaneServer.EventuallyAsync(async () =>
        {
            foreach (string id in MetroSessions)
            {
                if (await OutcomeAsync(server, id) != "running")
                {
                    return null;
                }
            }
            return (object)true;
        }, what);

    private static async Task<string?> OutcomeAsync(ControlPlaneServer server, string id) =>
        (await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync($"api/v1/sessions/{id}"))).GetProperty("outcome").GetString();

    private static async Task<JsonElement> LinkAsync(ControlPlaneServer server, string id) =>
        await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync($"api/v1/links/{id}"));

    // The node's T2 as the twin's last snapshot shows it (published every step).
    private static async Task<double> T2Async(ControlPlaneServer server, string node)
    {
        var nodes = await ControlPlaneServer.ReadJsonAsync(await server.Viewer.GetAsync("api/v1/nodes"));
        return nodes.EnumerateArray().Single(n => n.GetProperty("id").GetString() == node).GetProperty("t2Seconds").GetDouble();
    }
}
