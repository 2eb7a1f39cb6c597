using System.Net;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Incidents;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Tests.Support;
using QNet.Testing;
using static QNet.ControlPlane.Tests.Incidents.IncidentBookTests;

namespace QNet.ControlPlane.Tests.Incidents;

/// <summary>Incidents and their timelines in the store, SQLite and PostgreSQL alike, and across a restart of the service.</summary>
[Collection("servers")]
public sealed class IncidentStoreTests : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly PostgresFixture _postgres;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-incidents-{Guid.NewGuid():N}");

    public IncidentStoreTests(PostgresFixture postgres) => _postgres = postgres;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private async Task<string?> ConnectionAsync(string engine) => engine == "sqlite" ? null : await _postgres.CreateDatabaseAsync();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SaveIncidents_SavedTwiceAsTheyGrow_LoadedWithWholeTimelineAndLatestState(string engine)
    {
        await using var store = await ControlPlaneStore.OpenAsync(Path.Combine(_root, "cp.db"), await ConnectionAsync(engine));
        var book = NewBook();
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0));
        book.Observe(Alert("QNetLinkDown", "r1-bob", true, T0.AddSeconds(5)));
        await store.SaveIncidentsAsync(book.TakeChanged());
        book.Acknowledge("inc-1", "op", T0.AddMinutes(1));
        book.Observe(Alert("QNetLinkDown", "r1-bob", false, T0.AddMinutes(2)));
        await store.SaveIncidentsAsync(book.TakeChanged());

        var loaded = (await store.ListIncidentsForStartAsync(resolved: 10)).OrderBy(i => i.Id).ToList();
        Assert.Equal([book.Get("inc-1"), book.Get("inc-2")], loaded, new ViewComparer());
        Assert.Equal(["opened", "alert-firing", "acknowledged"], loaded[0].Timeline.Select(e => e.Kind));
        Assert.Equal("resolved", loaded[1].State);
        Assert.Single(await store.ListIncidentsForStartAsync(resolved: 0)); // only the unresolved one
        Assert.Equal(4, (await store.GetIncidentAsync("inc-2"))!.Timeline.Count);
        Assert.Null(await store.GetIncidentAsync("inc-3"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ListEvents_TraceIdSinceUntil_FiltersOnEveryEngine(string engine)
    {
        await using var store = await ControlPlaneStore.OpenAsync(Path.Combine(_root, "cp.db"), await ConnectionAsync(engine));
        const string A = "0af7651916cd43dd8448eb211c80319c", B = "4bf92f3577b34da6a3ce929d0e0e4736";
        await store.AppendEventsAsync([
            new EventRecord(T0, "s-a", A, $$"""{"type":"session","traceId":"{{A}}"}"""),
            new EventRecord(T0.AddMinutes(1), "s-b", B, $$"""{"type":"session","traceId":"{{B}}"}"""),
            new EventRecord(T0.AddMinutes(2), "s-b", B, $$"""{"type":"mitigation","traceId":"{{B}}","traceIds":["{{B}}","{{A}}"]}"""),
        ]);

        Assert.Equal([T0.AddMinutes(2), T0], (await store.ListEventsAsync(null, A, null, null, 10)).Select(e => e.At));
        Assert.Equal([T0.AddMinutes(1)], (await store.ListEventsAsync(null, null, T0.AddMinutes(1), T0.AddMinutes(2), 10)).Select(e => e.At));
        Assert.Equal([T0.AddMinutes(2)], (await store.ListEventsAsync(null, A, T0.AddSeconds(1), null, 10)).Select(e => e.At));
        Assert.Equal(3, (await store.ListEventsAsync(null, null, null, null, 10)).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Service_Restart_AcknowledgedIncidentAndTimelineKeptAndResolvesAfterward(string engine)
    {
        var connection = await ConnectionAsync(engine);
        var data = Path.Combine(_root, "data");
        var options = new ControlPlaneOptions(data, 0, 0, connection, timeFactor: 5) { MasterKeyFile = Path.Combine(_root, "secrets", "master.key") };
        var token = await ControlPlaneAdministration.CreateTokenAsync(data, connection, "operator", "oncall", TimeProvider.System);
        var link = "restart-" + engine;
        string id;
        await using (var first = await ControlPlaneHost.StartAsync(options, TimeProvider.System))
        {
            using var client = Client(first, token);
            (await client.PostAsync("api/alert-webhooks/page", ControlPlaneServer.Json(IncidentsApiTests.Webhook(link)))).Dispose();
            id = (await IncidentsApiTests.IncidentOfLinkAsync(client, link)).GetProperty("id").GetString()!;
            using var ack = await client.PostAsync($"api/v1/incidents/{id}/acknowledge", null);
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        await using var second = await ControlPlaneHost.StartAsync(options, TimeProvider.System);
        using var again = Client(second, token);
        var restored = await ControlPlaneServer.ReadJsonAsync(await again.GetAsync($"api/v1/incidents/{id}"));
        Assert.Equal(("acknowledged", "oncall"), (restored.GetProperty("state").GetString(), restored.GetProperty("acknowledgedBy").GetString()));
        Assert.Equal(["opened", "alert-firing", "acknowledged"], restored.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));

        (await again.PostAsync("api/alert-webhooks/page", ControlPlaneServer.Json(IncidentsApiTests.Webhook(link, resolved: true)))).Dispose();
        var resolved = await ControlPlaneServer.ReadJsonAsync(await again.GetAsync($"api/v1/incidents/{id}"));
        Assert.Equal(("resolved", "auto"), (resolved.GetProperty("state").GetString(), resolved.GetProperty("resolvedBy").GetString()));
    }

    private static HttpClient Client(ControlPlaneHandle host, string token)
    {
        var client = new HttpClient { BaseAddress = host.ApiUrl };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    // Records holding lists compare by reference; compare the JSON instead.
    private sealed class ViewComparer : IEqualityComparer<IncidentView?>
    {
        public bool Equals(IncidentView? x, IncidentView? y) => Json(x) == Json(y);

        public int GetHashCode(IncidentView? obj) => Json(obj).GetHashCode(StringComparison.Ordinal);

        private static string Json(IncidentView? v) => System.Text.Json.JsonSerializer.Serialize(v, ControlPlane.Twin.TwinPersistence.Json);
    }
}
