using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QNet.ControlPlane.Agents;
using QNet.ControlPlane.Apis;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.HighAvailability;
using QNet.ControlPlane.Mitigation;
using QNet.ControlPlane.OperatorConsole;
using QNet.ControlPlane.Slo;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kms.Storage;
using QNet.Kms.Supply;
using QNet.Network.Mitigation;
using QNet.Sre.Alerting;

namespace QNet.ControlPlane.Hosting;

/// <summary>
/// What <c>qnet up</c> runs: the twin, the admin API with <c>/metrics</c> and the dashboard on one HTTP port, and
/// the ETSI key delivery API (mutual TLS, <see cref="EtsiKmsHost"/>) on another, in one process, over one data
/// folder (or PostgreSQL).
/// </summary>
public static class ControlPlaneHost
{
    /// <summary>Concurrent API requests served before queueing.</summary>
    public const int ConcurrentRequests = 256;

    /// <summary>API requests queued beyond those; more get 429 with Retry-After.</summary>
    public const int QueuedRequests = 1024;

    /// <summary>Starts everything; dispose the handle to stop.</summary>
    public static async Task<ControlPlaneHandle> StartAsync(ControlPlaneOptions options, TimeProvider time, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var scenario = options.Scenario ?? DefaultScenario.Load();
        var specs = SloMonitor.LoadSpecs(options.SloSpecFiles);
        // The key store starts first: a missing or foreign master key on existing data stops the start before the
        // control-plane store is opened, with nothing written. A new data folder is the owner's alone (0700).
        PrivateFiles.CreateDirectory(options.DataDirectory);
        var etsi = await EtsiKmsHost.StartAsync(new EtsiKmsHostOptions(options.DataDirectory, options.EtsiPort, options.Address, options.Postgres, options.MasterKeyFile),
            time, log, cancellationToken).ConfigureAwait(false);
        ControlPlaneStore store;
        try
        {
            store = await ControlPlaneStore.OpenAsync(options.SqlitePath, options.Postgres, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await etsi.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        try
        {
            log?.Invoke($"store: {(store.IsPostgres ? "PostgreSQL" : "SQLite " + Path.GetFullPath(options.SqlitePath))}");
            // On PostgreSQL the replicas elect a leader; only the leader runs the network (HighAvailability/).
            var replica = await ReplicaLifecycle.StartAsync(options, etsi, scenario.Name, time, log,
                (leadership, apiPort, ct) => StartLeaderAppAsync(options, scenario, specs, time, store, etsi, leadership, apiPort, ct), cancellationToken).ConfigureAwait(false);
            var handle = new ControlPlaneHandle(replica, store, etsi, options.AgentPort is not null);
            log?.Invoke($"twin: scenario {scenario.Name}, {scenario.Nodes.Count} nodes, {scenario.Links.Count} links, time factor {options.TimeFactor}");
            return handle;
        }
        catch
        {
            await etsi.DisposeAsync().ConfigureAwait(false);
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // The full control plane of a leader (or standalone replica): the network restored from the store, then run.
    private static async Task<WebApplication> StartLeaderAppAsync(ControlPlaneOptions options, Network.Scenarios.Scenario scenario, Sre.Specs.SpecSet specs, TimeProvider time,
        ControlPlaneStore store, EtsiKmsHostHandle etsi, ILeadership leadership, int apiPort, CancellationToken cancellationToken)
    {
        var startup = new StartupState(
            await store.ListSessionsForStartAsync(Twin.Twin.DefaultRetainedEndedSessions, cancellationToken).ConfigureAwait(false),
            await store.ListFaultsAsync(cancellationToken).ConfigureAwait(false),
            await store.ListCalibrationsAsync(cancellationToken).ConfigureAwait(false),
            await store.ListSamplesAsync(time.GetUtcNow().Add(-TwinHistory.Retention).ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false),
            await MitigationSettings.LoadAsync(store, cancellationToken).ConfigureAwait(false),
            await store.ListConfigChangesAsync(cancellationToken).ConfigureAwait(false))
        {
            MemoryPairs = await store.ListMemoryPairsAsync(cancellationToken).ConfigureAwait(false),
            Failover = leadership.Failovers > 0,
        };
        var maintenance = new MaintenanceBook();
        maintenance.Set(await store.ListMaintenanceAsync(cancellationToken).ConfigureAwait(false));
        // The twin's clock continues after the newest stored sample, so history stays in time order across restarts at any time factor.
        // Its simulated time starts again from zero (TwinStart only in tests), so a restart also renews the simulated clock's range.
        var lastSample = startup.Samples.Count == 0 ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeMilliseconds(startup.Samples.Max(s => s.UnixMs));
        var now = time.GetUtcNow();
        var clock = TwinClock.Reading(lastSample > now ? lastSample.AddSeconds(1) : now, options.TwinStart);
        var incidents = await store.ListIncidentsForStartAsync(Incidents.IncidentBook.MaxResolvedInMemory, cancellationToken).ConfigureAwait(false);
        var app = Build(options, scenario, time, store, etsi, startup, maintenance, clock, specs, incidents, leadership, apiPort);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await app.Services.GetRequiredService<TwinRunner>().Started.WaitAsync(cancellationToken).ConfigureAwait(false);
            return app;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static WebApplication Build(ControlPlaneOptions options, Network.Scenarios.Scenario scenario, TimeProvider time, ControlPlaneStore store,
        EtsiKmsHostHandle etsi, StartupState startup, MaintenanceBook maintenance, TwinClock clock, Sre.Specs.SpecSet specs,
        IReadOnlyList<Incidents.IncidentView> incidents, ILeadership leadership, int apiPort)
    {
        // No configuration reload: its file watcher on the content root (the working directory, which holds the
        // default data folder) woke on every store write and cost about a sixth of the CPU under POST /sessions load.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(options.Address, apiPort);
            if (options.AgentPort is { } agentPort)
            {
                k.ListenAgents(options.Address, agentPort, etsi.Pki.LoadServerCertificate());
            }
        });
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(j => j.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals);
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(store);
        services.AddSingleton(startup);
        services.AddSingleton(leadership);
        services.AddSingleton(sp => new HaMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), leadership));
        services.AddSingleton(maintenance);
        var apiWindows = new ApiMaintenanceWindows(maintenance);
        services.AddSingleton(clock);
        services.AddSingleton<IKeyBlockSink>(etsi.Kms);
        services.AddSingleton(sp => new TwinMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp => new EventHub(time));
        services.AddSingleton(sp => new MaintenanceMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), apiWindows, clock));
        services.AddSingleton<TwinCommandQueue>();
        services.AddSingleton<TwinHistory>();
        services.AddSingleton<TokenService>();
        services.AddSingleton(sp => new StoreWriter(store, sp.GetRequiredService<ILogger<StoreWriter>>()) { Leadership = leadership });
        services.AddHostedService(sp => sp.GetRequiredService<StoreWriter>());
        services.AddSingleton(sp =>
        {
            var writer = sp.GetRequiredService<StoreWriter>();
            var twin = new Twin.Twin(scenario, sp.GetRequiredService<TwinMetrics>(), sp.GetRequiredService<EventHub>(), clock, options.TimeFactor,
                s => writer.Enqueue(TwinPersistence.Record(s)),
                e => writer.Enqueue(TwinPersistence.Record(e, clock)),
                new SessionTracer(time, options.TraceWindow), f => writer.Enqueue((s, ct) => s.SaveFaultAsync(f, ct)), start: options.TwinStart);
            twin.FaultObserved = sp.GetRequiredService<Incidents.IncidentBook>().RecordFault;
            // Scheduled calibration runs of links are stored like an operator's (nodes have no calibration row).
            var calibrations = sp.GetRequiredService<CalibrationLog>();
            twin.Calibrations.Ran += (job, driftBefore) =>
            {
                if (scenario.FindLink(job.Target) is not null)
                {
                    calibrations.Record(job.Target, clock.GetUtcNow(), driftBefore);
                }
            };
            twin.ConfigChangeStored = c => writer.Enqueue((s, ct) => s.SaveConfigChangeAsync(c, ct));
            return twin;
        });
        services.AddSingleton(sp =>
        {
            var writer = sp.GetRequiredService<StoreWriter>();
            var book = new Incidents.IncidentBook(scenario.Links.ToDictionary(l => l.Id, l => (l.NodeA, l.NodeB), StringComparer.Ordinal),
                AlertRoutingModel.GroupLabels, () => sp.GetRequiredService<SloMonitor>().Status);
            book.Restore(incidents);
            book.Changed = () => writer.Enqueue((s, ct) => s.SaveIncidentsAsync(book.TakeChanged(), ct));
            return book;
        });
        services.AddSingleton<Incidents.IncidentEventFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<Incidents.IncidentEventFeed>());
        services.AddSingleton<CalibrationLog>();
        services.AddSingleton(sp =>
        {
            var twin = sp.GetRequiredService<Twin.Twin>();
            var calibrations = sp.GetRequiredService<CalibrationLog>();
            return twin.EnableMitigation(startup.Mitigation ?? scenario.Mitigation ?? MitigationPolicy.Default,
                sp.GetRequiredService<EventHub>(), sp.GetRequiredService<TwinCommandQueue>().Depth,
                new TwinFaultRemediation(twin) { Calibrated = (link, driftBefore) => calibrations.Record(link, twin.Clock.GetUtcNow(), driftBefore) });
        });
        if (options.Alerting is { } alerting)
        {
            services.AddSingleton(sp => new AlertNotifications(
                new AlertRouter(AlertRoutingModel.Build(specs, alerting), clock, alerting.ExternalUrl, apiWindows.Current),
                new WebhookNotifier(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }),
                sp.GetRequiredService<ILogger<AlertNotifications>>()));
            services.AddHostedService(sp => sp.GetRequiredService<AlertNotifications>());
        }

        services.AddSingleton(sp => new SloMonitor(specs, sp.GetRequiredService<TwinHistory>(), clock, apiWindows.Current, sp.GetService<AlertNotifications>())
        {
            Incidents = sp.GetRequiredService<Incidents.IncidentBook>(),
        });
        services.AddSingleton<TwinRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<TwinRunner>());
        services.AddSingleton(etsi.Kms);
        services.AddSingleton<SliHistory>();
        services.AddSingleton<ApiLatencyRecorder>();
        services.AddSingleton<SliSampler>();
        services.AddHostedService<ConsoleKmsSampler>();
        services.AddSingleton<SpanStore>();
        if (options.Kubernetes is { } kubernetes)
        {
            // Only the leading replica reconciles (the default registration is added with TryAdd, so this one wins).
            services.AddSingleton(Kubernetes.IReconcilerLeadership.From(() => leadership.IsLeader));
            Kubernetes.KubernetesReconcilerRegistration.Add(services, kubernetes);
        }
        services.AddOpenApi();
        services.AddRateLimiter(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            r.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return ValueTask.CompletedTask;
            };
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetConcurrencyLimiter("api", _ => new ConcurrencyLimiterOptions { PermitLimit = ConcurrentRequests, QueueLimit = QueuedRequests })
                    : RateLimitPartition.GetNoLimiter("other"));
        });
        services.AddQNetTelemetry(options);
        if (options.AgentPort is not null)
        {
            services.AddNodeAgents(scenario, etsi.Pki.LoadCaCertificate());
        }

        var app = builder.Build();
        // Listening before the twin exists, so the scenario's sessions have their spans from the start.
        app.Services.GetRequiredService<SpanStore>();
        app.Services.GetRequiredService<MaintenanceMetrics>();
        app.Services.GetRequiredService<MitigationEngine>();
        app.Services.GetRequiredService<HaMetrics>();
        var apiLatency = app.Services.GetRequiredService<ApiLatencyRecorder>();
        app.Use((http, next) => apiLatency.InvokeAsync(http, () => next(http)));
        app.UseRateLimiter();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        var twinRunner = app.Services.GetRequiredService<TwinRunner>();
        app.MapReadinessApi(() => twinRunner.Started.IsCompletedSuccessfully);
        app.MapTopologyApi();
        app.MapSessionsApi();
        app.MapFaultsApi();
        app.MapMaintenanceApi();
        app.MapCalibrationApi();
        app.MapMitigationApi();
        app.MapConfigChangesApi();
        app.MapEventsApi();
        app.MapSloApi();
        app.MapAlertWebhooksApi();
        app.MapIncidentsApi();
        app.MapDashboardApi();
        app.MapConsoleApi();
        app.MapConsoleHistoryApi();
        app.MapConsoleViewsApi();
        if (options.AgentPort is not null)
        {
            app.MapNodeAgents();
        }
        return app;
    }
}

/// <summary>A running control plane replica (the leader's full control plane, or a follower).</summary>
public sealed class ControlPlaneHandle : IAsyncDisposable
{
    private readonly ReplicaLifecycle _replica;
    private readonly bool _agents;
    private readonly ControlPlaneStore _store;
    private readonly EtsiKmsHostHandle _etsi;

    internal ControlPlaneHandle(ReplicaLifecycle replica, ControlPlaneStore store, EtsiKmsHostHandle etsi, bool agents)
    {
        _agents = agents;
        _replica = replica;
        _store = store;
        _etsi = etsi;
    }

    /// <summary>Bound HTTP port of the API, /metrics and the dashboard.</summary>
    public int ApiPort => _replica.ApiPort;

    /// <summary>Bound HTTPS port of the node-agent endpoint; null when it is off (or this replica follows: agents speak to the leader).</summary>
    public int? AgentPort => _agents ? AgentEndpoint.BoundPort(_replica.App.Services.GetRequiredService<IServer>()) : null;

    /// <summary>Bound HTTPS port of the ETSI API.</summary>
    public int EtsiPort => _etsi.Port;

    /// <summary>The ETSI host (its KMS and PKI).</summary>
    public EtsiKmsHostHandle Etsi => _etsi;

    /// <summary>This replica's role (standalone on SQLite; leader or follower on PostgreSQL).</summary>
    public ILeadership Leadership => _replica.Leadership;

    /// <summary>True when the replica stops because it lost the lease (or could not take over): the process should exit non-zero.</summary>
    public bool Deposed => _replica.Deposed;

    /// <summary>The services of the application serving the API now (tests).</summary>
    public IServiceProvider Services => _replica.App.Services;

    /// <summary>Base URL of the API.</summary>
    public Uri ApiUrl => new($"http://127.0.0.1:{ApiPort}/");

    /// <summary>Completes when the host is asked to stop (Ctrl+C / SIGTERM) or loses the lease.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _replica.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _replica.DisposeAsync().ConfigureAwait(false);
        await _etsi.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }
}
