using System.Net;
using Npgsql;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Tests.Support;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.HighAvailability;

/// <summary>
/// Quantum state held in memories when a leader dies is lost: a new leader restores from a store written by a leader
/// that did not release the lease (as after kill -9), counts the pairs that leader's last memory snapshot held as lost
/// with reason <c>failover</c> (per session, in <c>qnet_memory_pairs_lost_total</c> and as a <c>loss</c> event) and
/// runs the sessions again. In-process, on a real PostgreSQL.
/// </summary>
[Collection("servers")]
public sealed class FailoverLossTests : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly PostgresFixture _postgres;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-failover-{Guid.NewGuid():N}");

    public FailoverLossTests(PostgresFixture postgres) => _postgres = postgres;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Takeover_FromALeaderThatDied_CountsItsHeldPairsAsLostAndReadmitsTheSessions()
    {
        var database = await _postgres.CreateDatabaseAsync();
        var data = Path.Combine(_root, "data");
        var options = new ControlPlaneOptions(data, 0, 0, database, timeFactor: 20) { MasterKeyFile = ControlPlaneServer.MasterKeyFileUnder(_root) };
        var token = await ControlPlaneAdministration.CreateTokenAsync(data, database, "operator", "failover", TimeProvider.System);

        // The first leader runs an API session beside the scenario's until its memory snapshot holds pairs.
        Dictionary<string, long> held;
        await using (var first = await ControlPlaneHost.StartAsync(options, TimeProvider.System))
        {
            using var client = Client(first.ApiUrl, token);
            using var created = await client.PostAsync("api/v1/sessions", ControlPlaneServer.Json("""{"id":"held-1","source":"dave","destination":"alice","minFidelity":0.85}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            await ControlPlaneServer.EventuallyAsync(async () => (await SnapshotAsync(database)).Values.Sum() > 0 ? (object)true : null, "a memory snapshot with held pairs");
        }
        // It stopped cleanly (which releases the lease and stores its last states); make it a leader that died holding the
        // lease, with the memory snapshot it last wrote.
        await ExecuteAsync(database, "UPDATE cp_leader SET replica_id = 'dead-leader' WHERE singleton = 1");
        held = await SnapshotAsync(database);
        Assert.True(held.Values.Sum() > 0, "the dead leader's snapshot holds pairs");

        await using var second = await ControlPlaneHost.StartAsync(options, TimeProvider.System);
        Assert.Equal(1L, second.Leadership.Failovers);
        using var api = Client(second.ApiUrl, token);
        var sessions = (await ControlPlaneServer.ReadJsonAsync(await api.GetAsync("api/v1/sessions"))).EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!);
        long counted = 0;
        foreach (var (id, pairs) in held.Where(h => h.Value > 0))
        {
            Assert.True(sessions.TryGetValue(id, out var view), $"session {id} was not restored");
            Assert.Equal(pairs, view.GetProperty("pairsLostAtFailover").GetInt64());
            Assert.Contains(view.GetProperty("outcome").GetString(), (string[])["running", "degraded", "pending"]);
            counted += pairs;

            var history = await ControlPlaneServer.ReadJsonAsync(await api.GetAsync($"api/v1/events/history?session={id}&limit=1000"));
            Assert.Contains(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "loss" && e.GetProperty("change").GetString() == "failover"
                && e.GetProperty("value").GetDouble() == pairs);
            Assert.Contains(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "session" && e.GetProperty("change").GetString() == "admitted");
        }
        Assert.Equal(held.Values.Sum(), counted);
        Assert.Equal(counted, await LostMetricAsync(api));
        // The API session is running again on the new leader.
        Assert.Equal("running", sessions["held-1"].GetProperty("outcome").GetString());
    }

    private static HttpClient Client(Uri url, string token)
    {
        var client = new HttpClient { BaseAddress = url };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    // Sum of qnet_memory_pairs_lost_total{reason="failover"} over its session classes in /metrics.
    private static async Task<double> LostMetricAsync(HttpClient api)
    {
        var text = await api.GetStringAsync("metrics");
        return text.Split('\n').Where(l => l.StartsWith("qnet_memory_pairs_lost_total{", StringComparison.Ordinal) && l.Contains("reason=\"failover\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<Dictionary<string, long>> SnapshotAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT session_id, held_pairs FROM cp_memory_pairs", connection);
        await using var reader = await read.ExecuteReaderAsync();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }
        return rows;
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
