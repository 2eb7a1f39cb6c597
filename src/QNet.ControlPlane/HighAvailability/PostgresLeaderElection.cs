using Npgsql;

namespace QNet.ControlPlane.HighAvailability;

/// <summary>
/// Leader election of the replicas on one PostgreSQL database. The lease is a session-level advisory lock
/// (<see cref="LeaseKey"/>) held on a dedicated, unpooled connection: the server releases it the moment that session
/// ends, so a leader killed with SIGKILL (its kernel closes the socket) frees the lease at once, with no TTL to wait
/// out. Every <see cref="LeaseTiming.Interval"/> a follower tries the lock; a leader checks its lock connection and,
/// when the check fails or times out, deposes itself (<see cref="Changed"/> to follower, never to leader again: the
/// process stops). Each new leader bumps the epoch in <c>cp_leader</c>. Replicas keep their row in <c>cp_replicas</c>
/// fresh on a second, pooled connection.
/// </summary>
internal sealed class PostgresLeaderElection : ILeadership, IAsyncDisposable
{
    /// <summary>Advisory lock key of the control-plane lease ("QNETLEAD"); the KMS's write lock uses another.</summary>
    internal const long LeaseKey = 0x514E45544C454144;

    private readonly string _lockConnectionString;
    private readonly NpgsqlDataSource _registry;
    private readonly LeaseTiming _timing;
    private readonly Action<string>? _log;
    private readonly CancellationTokenSource _stop = new();
    private NpgsqlConnection? _lock;
    private Task _loop = Task.CompletedTask;
    private volatile ReplicaRole _role = ReplicaRole.Follower;
    private volatile Uri? _leaderUrl;
    private long _epoch;
    private long _failovers;
    private bool _deposed;
    private volatile bool _storeReachable = true;

    private PostgresLeaderElection(string connectionString, string replicaId, Uri advertisedUrl, LeaseTiming timing, Action<string>? log)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            TcpKeepAlive = true,
            ApplicationName = $"qnet-lease {replicaId}",
            CommandTimeout = Math.Max(1, (int)Math.Ceiling(timing.CheckTimeout.TotalSeconds)),
            Timeout = Math.Max(1, (int)Math.Ceiling(timing.CheckTimeout.TotalSeconds)),
        };
        _lockConnectionString = builder.ConnectionString;
        _registry = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = $"qnet-replica {replicaId}" }.ConnectionString);
        ReplicaId = replicaId;
        AdvertisedUrl = advertisedUrl;
        _timing = timing;
        _log = log;
    }

    public string ReplicaId { get; }

    /// <summary>This replica's advertised API URL (set once the API port is bound).</summary>
    public Uri AdvertisedUrl { get; set; }

    public ReplicaRole Role => _role;

    public bool IsLeader => _role == ReplicaRole.Leader;

    public long Epoch => Interlocked.Read(ref _epoch);

    public Uri? LeaderUrl => _role == ReplicaRole.Leader ? AdvertisedUrl : _leaderUrl;

    public long Failovers => Interlocked.Read(ref _failovers);

    public event Action<ReplicaRole>? Changed;

    /// <summary>True when the last round reached the database (a follower is ready to serve keys from it).</summary>
    public bool StoreReachable => _storeReachable;

    /// <summary>Registers the replica and makes one attempt at the lease before returning (a lone replica leads at once), then keeps at it in the background.</summary>
    public static async Task<PostgresLeaderElection> StartAsync(string connectionString, string replicaId, Uri advertisedUrl, LeaseTiming timing, Action<string>? log,
        CancellationToken cancellationToken)
    {
        var election = new PostgresLeaderElection(connectionString, replicaId, advertisedUrl, timing, log);
        try
        {
            await election.StepAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await election.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        election._loop = Task.Run(() => election.RunAsync(election._stop.Token), CancellationToken.None);
        return election;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_timing.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await StepAsync(ct).ConfigureAwait(false);
                    _storeReachable = true;
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
                {
                    _storeReachable = false;
                    _log?.Invoke($"replica {ReplicaId}: store unreachable ({e.GetType().Name}); role {ReplicaRoleNames.Of(_role)}");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    // One round: a leader checks its lease (and deposes itself when it is gone); a follower tries to take it; both heartbeat.
    private async Task StepAsync(CancellationToken ct)
    {
        if (_role == ReplicaRole.Leader)
        {
            if (!await StillHoldsAsync(ct).ConfigureAwait(false))
            {
                Depose();
                return;
            }
        }
        else if (!_deposed)
        {
            await TryAcquireAsync(ct).ConfigureAwait(false);
        }
        await using var connection = await _registry.OpenConnectionAsync(ct).ConfigureAwait(false);
        await ReplicaRegistry.HeartbeatAsync(connection, ReplicaId, AdvertisedUrl, _role, ct).ConfigureAwait(false);
        if (_role != ReplicaRole.Leader)
        {
            _leaderUrl = (await ReplicaRegistry.LiveLeaderAsync(connection, _timing.StaleAfter, ct).ConfigureAwait(false))?.Url;
        }
    }

    private async Task TryAcquireAsync(CancellationToken ct)
    {
        try
        {
            if (_lock is null)
            {
                _lock = new NpgsqlConnection(_lockConnectionString);
                await _lock.OpenAsync(ct).ConfigureAwait(false);
                // A vanished host (no FIN) is dropped by the server after 5 s idle + 3 probes 2 s apart: the lease frees itself.
                await using var keepalive = new NpgsqlCommand(
                    $"SET tcp_keepalives_idle = {LeaseTiming.ServerKeepaliveSeconds}; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3", _lock);
                await keepalive.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await using var attempt = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", _lock);
            attempt.Parameters.AddWithValue("key", LeaseKey);
            if (await attempt.ExecuteScalarAsync(ct).ConfigureAwait(false) is not true)
            {
                return;
            }
            var (epoch, previous) = await ReplicaRegistry.TakeLeaseAsync(_lock, ReplicaId, AdvertisedUrl, ct).ConfigureAwait(false);
            Interlocked.Exchange(ref _epoch, epoch);
            // A lease left by a live holder that did not release it (a crash, a lost connection) is a failover.
            bool failover = !string.IsNullOrEmpty(previous) && previous != ReplicaId;
            if (failover)
            {
                Interlocked.Increment(ref _failovers);
            }
            _role = ReplicaRole.Leader;
            _log?.Invoke($"replica {ReplicaId}: leader at epoch {epoch}{(failover ? $" (took over from {previous})" : "")}");
            Changed?.Invoke(ReplicaRole.Leader);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await DropLockConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<bool> StillHoldsAsync(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_timing.CheckTimeout);
            await using var check = new NpgsqlCommand("SELECT 1", _lock);
            await check.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    // The lease is gone or cannot be confirmed: stop leading at once and for good (the host stops the process).
    private void Depose()
    {
        _deposed = true;
        _role = ReplicaRole.Follower;
        Interlocked.Exchange(ref _epoch, 0);
        _leaderUrl = null;
        _log?.Invoke($"replica {ReplicaId}: lost the lease; stopping");
        _ = DropLockConnectionAsync();
        Changed?.Invoke(ReplicaRole.Follower);
    }

    private async Task DropLockConnectionAsync()
    {
        var connection = Interlocked.Exchange(ref _lock, null);
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the election; a leader marks the lease released (the next leader's takeover is then no failover) and closes its lock session.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        try
        {
            if (_role == ReplicaRole.Leader && _lock is not null)
            {
                await ReplicaRegistry.ReleaseLeaseAsync(_lock, Epoch, CancellationToken.None).ConfigureAwait(false);
            }
            await using var connection = await _registry.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await ReplicaRegistry.RemoveAsync(connection, ReplicaId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            _log?.Invoke($"replica {ReplicaId}: could not record the clean stop ({e.GetType().Name})");
        }
        await DropLockConnectionAsync().ConfigureAwait(false);
        await _registry.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
