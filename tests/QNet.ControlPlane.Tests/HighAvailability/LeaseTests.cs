using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using QNet.ControlPlane.HighAvailability;
using QNet.ControlPlane.Storage;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.HighAvailability;

/// <summary>
/// The PostgreSQL lease (<see cref="PostgresLeaderElection"/>) and its fencing, in-process on a real PostgreSQL: a lone
/// replica takes the lease, a second follows while the first renews it, a clean stop hands it on without a failover, a
/// lost lock session deposes the leader and lets the follower take over as a failover at a higher epoch, and a write
/// by the deposed (stale epoch) leader is refused and changes nothing.
/// </summary>
public sealed class LeaseTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    // Fast rounds so the tests wait little; the check timeout is the shortest LeaseTiming accepts.
    private static readonly LeaseTiming Fast = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    private static Uri Url(int port) => new($"http://127.0.0.1:{port}/");

    private async Task<string> FreshStoreAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        await (await ControlPlaneStore.OpenAsync("", database)).DisposeAsync(); // migrations: cp_leader, cp_replicas
        return database;
    }

    private static Task<PostgresLeaderElection> StartAsync(string database, string id, int port) =>
        PostgresLeaderElection.StartAsync(database, id, Url(port), Fast, null, CancellationToken.None);

    private static async Task<(long Epoch, string Holder)> LeaseRowAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT epoch, replica_id FROM cp_leader WHERE singleton = 1", connection);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no lease row");
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        for (int attempt = 0; attempt < 300 && !condition(); attempt++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition(), $"never happened: {what}");
    }

    [Fact]
    public async Task StartAsync_LoneReplica_TakesTheLeaseAtEpochOne()
    {
        var database = await FreshStoreAsync();
        await using var r1 = await StartAsync(database, "r1", 5001);

        Assert.Equal((ReplicaRole.Leader, true, 1L, 0L), (r1.Role, r1.IsLeader, r1.Epoch, r1.Failovers));
        Assert.Equal(Url(5001), r1.LeaderUrl);
        Assert.Equal((1L, "r1"), await LeaseRowAsync(database));
    }

    [Fact]
    public async Task SecondReplica_WhileTheLeaderRenews_FollowsAndKnowsTheLeader()
    {
        var database = await FreshStoreAsync();
        await using var r1 = await StartAsync(database, "r1", 5001);
        await using var r2 = await StartAsync(database, "r2", 5002);

        await EventuallyAsync(() => r2.LeaderUrl == Url(5001), "the follower learns the leader's URL from the registry");
        // Twenty rounds of renewal (the leader's check) and of attempts by the follower: nothing moves.
        await Task.Delay(Fast.Interval * 20);
        Assert.Equal((true, 1L), (r1.IsLeader, r1.Epoch));
        Assert.Equal((ReplicaRole.Follower, false, 0L), (r2.Role, r2.IsLeader, r2.Epoch));
        Assert.Equal((1L, "r1"), await LeaseRowAsync(database));
    }

    [Fact]
    public async Task CleanStop_HandsTheLeaseOnAtAHigherEpoch_WithoutAFailover()
    {
        var database = await FreshStoreAsync();
        var r1 = await StartAsync(database, "r1", 5001);
        await using var r2 = await StartAsync(database, "r2", 5002);
        await r1.DisposeAsync();

        await EventuallyAsync(() => r2.IsLeader, "the follower takes the released lease");
        Assert.Equal((2L, 0L), (r2.Epoch, r2.Failovers));
        Assert.Equal((2L, "r2"), await LeaseRowAsync(database));
    }

    [Fact]
    public async Task LostLockSession_LeaderDeposesItself_FollowerTakesOverAsAFailover_AndTheStaleWriteIsRefused()
    {
        var database = await FreshStoreAsync();
        await using var r1 = await StartAsync(database, "r1", 5001);
        await using var r2 = await StartAsync(database, "r2", 5002);
        var deposed = new TaskCompletionSource<ReplicaRole>(TaskCreationOptions.RunContinuationsAsynchronously);
        r1.Changed += role => deposed.TrySetResult(role);
        await using var store = await ControlPlaneStore.OpenAsync("", database);
        using var writer = new StoreWriter(store, NullLogger<StoreWriter>.Instance) { Leadership = r1 };
        await writer.StartAsync(CancellationToken.None);
        var before = await writer.Enqueue(Session("while-leading"));
        Assert.True(before, "the leader's write is committed");

        // The database ends the leader's lock session (as when its connection is lost): the lease is free.
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'qnet-lease r1'", connection);
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        Assert.Equal(ReplicaRole.Follower, await deposed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal((false, 0L), (r1.IsLeader, r1.Epoch));
        await EventuallyAsync(() => r2.IsLeader, "the follower takes the lease");
        Assert.Equal((2L, 1L), (r2.Epoch, r2.Failovers));
        Assert.Equal((2L, "r2"), await LeaseRowAsync(database));
        await Task.Delay(Fast.Interval * 10);
        Assert.False(r1.IsLeader, "a deposed leader never leads again");

        // Fenced: the deposed leader's writer refuses its write and the store does not change.
        var after = await writer.Enqueue(Session("after-deposed"));
        Assert.False(after);
        Assert.Equal(1, writer.Fenced);
        Assert.Null(await store.GetSessionAsync("after-deposed"));
        Assert.NotNull(await store.GetSessionAsync("while-leading"));

        // A release at the stale epoch 1 (the deposed leader's clean-stop write) leaves the new lease alone.
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await ReplicaRegistry.ReleaseLeaseAsync(connection, 1, CancellationToken.None);
        }
        Assert.Equal((2L, "r2"), await LeaseRowAsync(database));
        await writer.StopAsync(CancellationToken.None);
    }

    private static SessionRecord Session(string id) =>
        new(id, "{}", "trace", "span", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), "api", "running", null, 0, double.NaN);
}
