using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using QNet.ControlPlane.Apis;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Hosting;
using QNet.Kms.Metrics;

namespace QNet.ControlPlane.HighAvailability;

/// <summary>
/// The API port of a follower: <c>/alive</c>, <c>/health</c> and <c>/ready</c> of this replica; <c>/metrics</c> of
/// this replica (its role, failovers, and the KMS meter of the key deliveries it serves from the shared store); and
/// every other request forwarded to the leader (<see cref="LeaderForwarder"/>). It runs no twin and writes nothing.
/// </summary>
internal static class FollowerApp
{
    public static WebApplication Build(ControlPlaneOptions options, int apiPort, ILeadership leadership, EtsiKmsHostHandle etsi, string scenarioName)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(options.Address, apiPort);
        });
        var services = builder.Services;
        services.AddSingleton(leadership);
        // No redirects followed and no cookies kept: the answer goes back to the client as the leader gave it.
        services.AddSingleton(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        });
        services.AddSingleton<LeaderForwarder>();
        services.AddSingleton(sp => new HaMetrics(sp.GetRequiredService<IMeterFactory>(), leadership));
        services.AddOpenTelemetry().ConfigureResource(r => r.AddService(Telemetry.TelemetrySetup.ServiceName)).WithMetrics(m =>
        {
            m.AddMeter(HaMetrics.MeterName, KmsMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter(p => p.ScrapeResponseCacheDurationMilliseconds = 0);
            ((IDeferredMeterProviderBuilder)m).Configure((sp, b) =>
            {
                var own = sp.GetRequiredService<IMeterFactory>();
                b.AddView(i => (i.Meter.Name == HaMetrics.MeterName && !ReferenceEquals(i.Meter.Scope, own)) || KmsMetricsEndpoint.IsAnotherKms(i, etsi.Kms)
                    ? MetricStreamConfiguration.Drop : null);
            });
        });

        var app = builder.Build();
        app.Services.GetRequiredService<HaMetrics>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/alive", () => TypedResults.Text("alive"));
        app.MapGet("/health", () => TypedResults.Json(new HealthView(Twin.TwinHealthNames.Of(Twin.TwinHealthStatus.Healthy), scenarioName, 0, options.TimeFactor, 0, 0,
            ReplicaRoleNames.Of(leadership.Role), leadership.ReplicaId)));
        app.MapReadinessApi(() => false);
        // Lowest-order route, any method, any path (files too: the console's scripts come from the leader).
        app.MapFallback("{**path}", app.Services.GetRequiredService<LeaderForwarder>().ForwardAsync);
        return app;
    }
}
