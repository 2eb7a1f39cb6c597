using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Hosting;

namespace QNet.ControlPlane.HighAvailability;

/// <summary>
/// Which web application a replica runs on its API port, and when it changes: the full control plane while it leads
/// (or runs standalone), <see cref="FollowerApp"/> while it follows. When a follower wins the lease it stops its
/// follower app and starts the full control plane on the same port, restoring the network from the store (the
/// takeover); when a leader loses the lease it asks the process to stop (<see cref="Deposed"/>): it must not act on
/// the network any more, and a restart brings it back as a follower. The ETSI host is not touched: every replica
/// serves keys throughout.
/// </summary>
internal sealed class ReplicaLifecycle : IAsyncDisposable
{
    private readonly Func<ILeadership, int, CancellationToken, Task<WebApplication>> _startLeader;
    private readonly Func<WebApplication> _buildFollower;
    private readonly TimeProvider _time;
    private readonly Action<string>? _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private bool _leading;
    private volatile bool _swapping;
    private bool _disposed;

    private ReplicaLifecycle(ILeadership leadership, int apiPort, Func<ILeadership, int, CancellationToken, Task<WebApplication>> startLeader,
        Func<WebApplication> buildFollower, TimeProvider time, Action<string>? log)
    {
        Leadership = leadership;
        ApiPort = apiPort;
        _startLeader = startLeader;
        _buildFollower = buildFollower;
        _time = time;
        _log = log;
    }

    public ILeadership Leadership { get; }

    /// <summary>The API port (the same for the follower and the leader app).</summary>
    public int ApiPort { get; }

    /// <summary>The application serving the API port now.</summary>
    public WebApplication App => _app ?? throw new InvalidOperationException("the replica has not started");

    /// <summary>True once the process stops because it lost the lease or could not take over.</summary>
    public bool Deposed { get; private set; }

    /// <summary>Elects (PostgreSQL) or not (SQLite), then starts the app of the role won.</summary>
    public static async Task<ReplicaLifecycle> StartAsync(ControlPlaneOptions options, EtsiKmsHostHandle etsi, string scenarioName, TimeProvider time, Action<string>? log,
        Func<ILeadership, int, CancellationToken, Task<WebApplication>> startLeader, CancellationToken cancellationToken)
    {
        int apiPort = options.ApiPort != 0 ? options.ApiPort : FreePort(options.Address);
        var replicaId = options.ReplicaId ?? $"{Environment.MachineName}-{Environment.ProcessId}";
        var url = options.AdvertisedApiUrl ?? new Uri($"http://{Advertised(options.Address)}:{apiPort}/");
        ILeadership leadership = options.Postgres is { } postgres
            ? await PostgresLeaderElection.StartAsync(postgres, replicaId, url, options.Lease, log, cancellationToken).ConfigureAwait(false)
            : new StandaloneLeadership(replicaId, url);
        var lifecycle = new ReplicaLifecycle(leadership, apiPort, startLeader, () => FollowerApp.Build(options, apiPort, leadership, etsi, scenarioName), time, log);
        try
        {
            await lifecycle.StartFirstAsync(cancellationToken).ConfigureAwait(false);
            return lifecycle;
        }
        catch
        {
            await lifecycle.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartFirstAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Leadership.IsLeader)
            {
                _app = await _startLeader(Leadership, ApiPort, cancellationToken).ConfigureAwait(false);
                _leading = true;
            }
            else
            {
                _app = _buildFollower();
                await _app.StartAsync(cancellationToken).ConfigureAwait(false);
                _log?.Invoke($"replica {Leadership.ReplicaId}: follower (leader {Leadership.LeaderUrl?.ToString() ?? "not known yet"})");
            }
            WatchStop(_app);
        }
        finally
        {
            _gate.Release();
        }
        Leadership.Changed += OnChanged;
        if (Leadership.IsLeader && !_leading)
        {
            OnChanged(ReplicaRole.Leader);
        }
    }

    /// <summary>Completes when the process should stop: Ctrl+C / SIGTERM, or the lease lost.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _shutdown.Task.WaitAsync(cancellationToken);

    private void OnChanged(ReplicaRole role)
    {
        if (role == ReplicaRole.Leader)
        {
            _ = Task.Run(PromoteAsync);
        }
        else
        {
            Deposed = true;
            _shutdown.TrySetResult();
        }
    }

    // The takeover: the follower app gives the port to the full control plane, which restores the network from the store.
    private async Task PromoteAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_leading || _disposed || !Leadership.IsLeader)
            {
                return;
            }
            long started = _time.GetTimestamp();
            _swapping = true;
            if (_app is not null)
            {
                await StopAppAsync(_app).ConfigureAwait(false);
                _app = null;
            }
            _app = await StartLeaderAsync().ConfigureAwait(false);
            _leading = true;
            WatchStop(_app);
            _log?.Invoke($"replica {Leadership.ReplicaId}: leading at epoch {Leadership.Epoch}; network restored from the store in {_time.GetElapsedTime(started).TotalMilliseconds:F0} ms");
        }
        catch (Exception e)
        {
            // Holding the lease without running the network would stall the control plane: stop, so another replica takes over.
            _log?.Invoke($"replica {Leadership.ReplicaId}: takeover failed ({e.GetType().Name}: {e.Message}); stopping");
            Deposed = true;
            _shutdown.TrySetResult();
        }
        finally
        {
            _swapping = false;
            _gate.Release();
        }
    }

    // The port was just released by the follower app; a moment may pass before the kernel lets it be bound again.
    private async Task<WebApplication> StartLeaderAsync()
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await _startLeader(Leadership, ApiPort, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time).ConfigureAwait(false);
            }
        }
    }

    private void WatchStop(WebApplication app) => app.Lifetime.ApplicationStopping.Register(() =>
    {
        if (!_swapping)
        {
            _shutdown.TrySetResult();
        }
    });

    private static async Task StopAppAsync(WebApplication app)
    {
        await app.StopAsync().ConfigureAwait(false);
        // The twin's thread has stopped: end the running sessions' root spans so the tracer exports them on dispose.
        app.Services.GetService<Twin.Twin>()?.Observer.Tracer.EndAll();
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static int FreePort(IPAddress address)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static string Advertised(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? Dns.GetHostName()
        : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    /// <summary>Stops the app (a leader's twin writes its last state while it still holds the lease), then leaves the election.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            Leadership.Changed -= OnChanged;
            if (_app is not null)
            {
                await StopAppAsync(_app).ConfigureAwait(false);
                _app = null;
            }
        }
        finally
        {
            _gate.Release();
        }
        if (Leadership is IAsyncDisposable election)
        {
            await election.DisposeAsync().ConfigureAwait(false);
        }
        _gate.Dispose();
    }
}
