using System.Net;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Tests.Support;
using QNet.ControlPlane.Twin;
using QNet.Network.Scenarios;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Hosting;

/// <summary>The one data layer behaves the same on SQLite and on a real PostgreSQL; the whole service restarts on PostgreSQL with its sessions.</summary>
[Collection("servers")]
public sealed class StoreTests : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly PostgresFixture _postgres;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-store-{Guid.NewGuid():N}");

    public StoreTests(PostgresFixture postgres) => _postgres = postgres;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private async Task<ControlPlaneStore> OpenAsync(string engine) => engine == "sqlite"
        ? await ControlPlaneStore.OpenAsync(Path.Combine(_root, "cp.db"), null)
        : await ControlPlaneStore.OpenAsync("", await _postgres.CreateDatabaseAsync());

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Store_RoundTripsEveryRecord_AndMigratesOnce(string engine)
    {
        await using var store = await OpenAsync(engine);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        await store.UpsertSessionAsync(new SessionRecord("s1", "{}", "t", "sp", at, "api", "running", null, 3, 0.95));
        await store.UpsertSessionAsync(new SessionRecord("s1", "{}", "t", "sp", at, "api", "failed", "link cut", 5, double.NaN));
        var fault = new Fault("f1", FaultKind.AttenuationStep, "alice-r1", 2.5, at, null);
        await store.SaveFaultAsync(fault);
        await store.SaveFaultAsync(fault with { ClearedAt = at.AddMinutes(1) });
        await store.SaveMaintenanceAsync(new MaintenanceRecord("m1", at, at.AddHours(1), new Dictionary<string, string> { ["link"] = "alice-r1" }, "swap fiber"));
        await store.SaveCalibrationAsync(new CalibrationRecord("c1", "alice-r1", at, 0.02));
        await store.AppendEventsAsync([new EventRecord(at, "s1", "t", "{\"type\":\"session\"}"), new EventRecord(at.AddDays(10), "s1", "t", "{}")]);
        await store.AppendSamplesAsync([new SampleRecord("m", "{\"link\":\"a\"}", 1000, 1.5), new SampleRecord("m", "{\"link\":\"a\"}", 2000, 2.5)]);

        var session = Assert.Single(await store.ListSessionsAsync());
        Assert.Equal(("failed", "link cut", 5L), (session.Outcome, session.Reason, session.Pairs));
        Assert.True(double.IsNaN(session.MeanFidelity));
        Assert.Equal(at.AddMinutes(1), Assert.Single(await store.ListFaultsAsync()).ClearedAt);
        Assert.Equal("alice-r1", Assert.Single(await store.ListMaintenanceAsync()).Matchers["link"]);
        Assert.Equal(0.02, Assert.Single(await store.ListCalibrationsAsync()).DriftBefore);
        Assert.Equal(1, await store.PruneEventsAsync(at.AddDays(1)));
        Assert.Single(await store.ListEventsAsync("s1", 10));
        Assert.Single(await store.ListEventsAsync(null, 10)); // every session's events (/api/v1/events/history without ?session)
        Assert.Equal([2.5], (await store.ListSamplesAsync(1500)).Select(s => s.Value));
        Assert.Equal(1, await store.DeleteMaintenanceAsync("m1"));
        await StoreMigrations.ApplyAsync(store, CancellationToken.None);
        Assert.Single(await store.ListSessionsAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AlertNotifications_AppendedThenListed_NewestFirstFilteredByReceiver(string engine)
    {
        await using var store = await OpenAsync(engine);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var labels = new Dictionary<string, string> { ["alertname"] = "QNetLinkDown", ["link"] = "alice-r1" };
        var firing = new AlertNotificationRecord(0, at, "page", "{}:{alertname=\"QNetLinkDown\"}", "firing", "QNetLinkDown", "0123456789abcdef", labels,
            new Dictionary<string, string> { ["summary"] = "down" }, at.AddMinutes(-1), null, "http://prometheus/graph");
        await store.AppendAlertNotificationsAsync([firing]);
        await store.AppendAlertNotificationsAsync([firing with { ReceivedAt = at.AddMinutes(5), Status = "resolved", EndsAt = at.AddMinutes(4) },
            firing with { Receiver = "ticket", AlertName = "MemoryExpiryHigh" }]);

        var page = await store.ListAlertNotificationsAsync("page", 10);
        Assert.Equal(["resolved", "firing"], page.Select(a => a.Status));
        Assert.Equal(at.AddMinutes(4), page[0].EndsAt);
        Assert.Null(page[1].EndsAt);
        Assert.Equal((at.AddMinutes(-1), "alice-r1", "down"), (page[1].StartsAt, page[1].Labels["link"], page[1].Annotations["summary"]));
        Assert.Equal("MemoryExpiryHigh", Assert.Single(await store.ListAlertNotificationsAsync("ticket", 10)).AlertName);
        Assert.Equal(2, (await store.ListAlertNotificationsAsync(null, 2)).Count);

        // Retention: what was received before the cut goes, the rest stays.
        Assert.Equal(2, await store.PruneAlertNotificationsAsync(at.AddMinutes(1)));
        Assert.Equal("resolved", Assert.Single(await store.ListAlertNotificationsAsync(null, 10)).Status);
    }

    [Fact]
    public async Task Service_OnPostgres_RestartKeepsApiSession()
    {
        var connection = await _postgres.CreateDatabaseAsync();
        var data = Path.Combine(_root, "data");
        var options = new ControlPlaneOptions(data, 0, 0, connection, timeFactor: 5) { MasterKeyFile = Path.Combine(_root, "secrets", "master.key") };
        var token = await ControlPlaneAdministration.CreateTokenAsync(data, connection, "operator", "pg", TimeProvider.System);
        Assert.False(File.Exists(options.SqlitePath));
        string traceId;
        await using (var first = await ControlPlaneHost.StartAsync(options, TimeProvider.System))
        {
            using var client = new HttpClient { BaseAddress = first.ApiUrl };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            using var created = await client.PostAsync("api/v1/sessions", ControlPlaneServer.Json("""{"id":"pg-1","source":"dave","destination":"alice","minFidelity":0.85}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            traceId = (await ControlPlaneServer.ReadJsonAsync(created)).GetProperty("traceId").GetString()!;
        }
        await using var second = await ControlPlaneHost.StartAsync(options, TimeProvider.System);
        using var again = new HttpClient { BaseAddress = second.ApiUrl };
        again.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var session = await ControlPlaneServer.ReadJsonAsync(await again.GetAsync("api/v1/sessions/pg-1"));
        Assert.Equal(traceId, session.GetProperty("traceId").GetString());
        Assert.Equal("running", session.GetProperty("outcome").GetString());
        Assert.False(File.Exists(options.SqlitePath));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ExistsAsync_BeforeAndAfterFirstOpen_FalseThenTrueAndTheCheckCreatesNothing(string engine)
    {
        var path = Path.Combine(_root, "cp.db");
        var postgres = engine == "sqlite" ? null : await _postgres.CreateDatabaseAsync();
        Assert.False(await ControlPlaneStore.ExistsAsync(path, postgres));
        Assert.False(await ControlPlaneStore.ExistsAsync(path, postgres));
        Assert.False(Directory.Exists(_root));
        await using (await ControlPlaneStore.OpenAsync(path, postgres))
        {
        }
        Assert.True(await ControlPlaneStore.ExistsAsync(path, postgres));
    }
}
